package io.trackweave.plan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON Schema (draft 2020-12 keywords, the subset tracking-plan.md lists), as read from a plan.
 * Absent keywords are null (or empty collections); values in {@code enumValues} and {@code constValue} are
 * plain Java JSON values: {@link String}, {@link Long}, {@link BigDecimal}, {@link Boolean}, or null.
 *
 * @param types the allowed types; empty means any type
 * @param properties the declared properties, in plan order
 * @param required required property names, in plan order
 * @param additionalProperties false to forbid undeclared properties; null when not stated (allowed)
 * @param items the schema of array elements, or null
 * @param enumValues the allowed values, or null when there is no {@code enum}
 * @param hasConst whether {@code const} is present ({@code constValue} may legitimately be null)
 * @param ref a {@code $ref} such as {@code #/$defs/line_item}, or null; see {@link TrackingPlan#resolve}
 * @param pointer where this schema sits in the plan file, e.g. {@code events.order_completed.schema}
 * @param normalize clean-ups applied to a string value before it is checked and sent ({@code normalize:
 *     [trim, lowercase]}), in order; empty when the plan declares none
 */
public record Schema(
    Set<JsonType> types,
    Map<String, Schema> properties,
    List<String> required,
    Boolean additionalProperties,
    Schema items,
    List<Object> enumValues,
    boolean hasConst,
    Object constValue,
    String format,
    BigDecimal minimum,
    BigDecimal maximum,
    Integer minLength,
    Integer maxLength,
    String pattern,
    Integer minItems,
    Integer maxItems,
    String ref,
    String description,
    String pointer,
    List<Normalization> normalize) {

  /** A schema without {@code normalize}. */
  public Schema(
      Set<JsonType> types, Map<String, Schema> properties, List<String> required, Boolean additionalProperties,
      Schema items, List<Object> enumValues, boolean hasConst, Object constValue, String format,
      BigDecimal minimum, BigDecimal maximum, Integer minLength, Integer maxLength, String pattern,
      Integer minItems, Integer maxItems, String ref, String description, String pointer) {
    this(types, properties, required, additionalProperties, items, enumValues, hasConst, constValue, format, minimum,
        maximum, minLength, maxLength, pattern, minItems, maxItems, ref, description, pointer, List.of());
  }

  public Schema {
    normalize = normalize == null ? List.of() : List.copyOf(normalize);
    types = Set.copyOf(types);
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    required = List.copyOf(required);
    enumValues = enumValues == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(enumValues));
  }

  /** True when {@code type} allows {@code type} (an empty type set allows anything). */
  public boolean allows(JsonType type) {
    return types.isEmpty() || types.contains(type);
  }

  /** {@code value} after this schema's {@link #normalize} steps; the value itself when there are none. */
  public String normalized(String value) {
    return Normalization.applyAll(normalize, value);
  }

  /** True when {@code null} is an allowed value. */
  public boolean nullable() {
    return types.isEmpty() || types.contains(JsonType.NULL);
  }

  /** True when a property not listed in {@link #properties} may appear. */
  public boolean allowsAdditionalProperties() {
    return additionalProperties == null || additionalProperties;
  }
}
