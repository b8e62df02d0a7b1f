package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks live values (an event's properties, a person's attributes) against a loaded plan. Built once per plan,
 * immutable and thread-safe; each call allocates little beyond the violations it returns (none when the value is
 * valid), because the emulator checks every call it receives.
 *
 * <p>The semantics, which the processor's generated checks follow too:
 * <ul>
 *   <li>{@code type}: {@code integer} takes any JSON number with no fractional part ({@code 3} and {@code 3.0});
 *       {@code number} takes every number; {@code null} must be listed to allow a JSON null; no type allows
 *       anything. When the type does not match, that is the only violation reported for the value.</li>
 *   <li>{@code enum}/{@code const} compare JSON values: strings exactly, numbers by value ({@code 1 == 1.0}),
 *       booleans, null.</li>
 *   <li>{@code minimum}/{@code maximum} are inclusive; {@code minLength}/{@code maxLength} count Unicode code
 *       points; {@code pattern} is a Java regular expression that must be found somewhere in the string
 *       ({@code Matcher.find}, anchor it with ^...$ to match the whole).</li>
 *   <li>{@code format}: see {@link Formats}; string formats apply to strings, {@code unix-time} to numbers.</li>
 *   <li>{@code properties}, {@code required} (present, even if null), {@code additionalProperties: false} (an
 *       undeclared key is a violation), {@code items} (every element), {@code minItems}/{@code maxItems},
 *       {@code $ref} (followed to its definition).</li>
 *   <li>{@code normalize} ({@link Normalization}): a string value is normalized (trimmed, lower-cased, ...)
 *       before any other check, as the generated mapper normalizes it before sending; so with {@code normalize:
 *       [trim, lowercase]} and {@code enum: [skincare]}, {@code " SkinCare"} passes. The checks see the
 *       normalized value, and messages quote it.</li>
 *   <li>An unknown event name is one violation; an attribute not in the plan is a violation.</li>
 * </ul>
 * Paths are relative to the properties or attributes: {@code items[1].quantity}.
 *
 * <p>This class holds the entry points and the plan-level violations (unknown event, object type or
 * attribute); {@link SchemaCompiler} compiles the schemas into {@link CompiledSchema}s, which check a value,
 * and {@link Violations} collects what they find.
 */
public final class PlanValidator {
  private final TrackingPlan plan;
  private final Map<String, CompiledSchema> events = new HashMap<>();
  private final Map<String, CompiledSchema> attributes;
  /** Object types by Customer.io's type id: their attributes, and their relationships' attributes. */
  private final Map<String, ObjectType> objectTypes = new HashMap<>();
  private final Map<String, Map<String, CompiledSchema>> objectAttributes = new HashMap<>();
  private final Map<String, Map<String, CompiledSchema>> relationshipAttributes = new HashMap<>();

  private PlanValidator(TrackingPlan plan) {
    this.plan = plan;
    SchemaCompiler compiler = new SchemaCompiler(plan);
    plan.events().forEach((name, event) -> events.put(name, compiler.compile(event.schema())));
    attributes = compiler.compileAll(plan.attributes());
    for (ObjectType type : plan.objects().values()) {
      objectTypes.put(type.typeId(), type);
      objectAttributes.put(type.typeId(), compiler.compileAll(type.attributes()));
      relationshipAttributes.put(type.typeId(), compiler.compileAll(type.relationship()));
    }
  }

  /** A validator for {@code plan}; compiles its schemas once (patterns, enums, bounds). */
  public static PlanValidator of(TrackingPlan plan) {
    return new PlanValidator(plan);
  }

  /** The plan this validator checks against. */
  public TrackingPlan plan() {
    return plan;
  }

  /**
   * The violations of an event's properties; empty when they are valid. Null or missing properties count as an
   * empty object (a required property is then missing).
   */
  public List<Violation> event(String eventName, JsonNode properties) {
    CompiledSchema schema = events.get(eventName);
    if (schema == null) {
      return List.of(new Violation("", "unknown event '" + eventName + "': plan " + plan.name() + " v"
          + plan.version() + " has no such event" + Names.didYouMean(eventName, plan.events().keySet())));
    }
    Violations violations = new Violations();
    if (properties == null || properties.isNull() || properties.isMissingNode()) {
      schema.checkRequired(null, violations);
    } else {
      schema.check(properties, violations);
    }
    return violations.result();
  }

  /** The violations of a person's attributes (as identify sends them); empty when they are valid. */
  public List<Violation> attributes(JsonNode values) {
    return named(values, attributes, plan.attributes().keySet(), "an attribute in plan " + plan.name(),
        "add it to the plan's attributes");
  }

  /**
   * The violations of an object's attributes (as an object identify sends them), by Customer.io's
   * {@code object_type_id}; one violation when the plan has no object type with that id.
   */
  public List<Violation> objectAttributes(String typeId, JsonNode values) {
    ObjectType type = objectTypes.get(typeId);
    if (type == null) {
      return List.of(unknownObjectType(typeId));
    }
    return named(values, objectAttributes.get(typeId), type.attributes().keySet(),
        "an attribute of object type " + type.name() + " in plan " + plan.name(),
        "add it to objects." + type.name() + ".attributes");
  }

  /**
   * The violations of the attributes of a person's relationship to an object of type {@code typeId};
   * one violation when the plan has no object type with that id.
   */
  public List<Violation> relationshipAttributes(String typeId, JsonNode values) {
    ObjectType type = objectTypes.get(typeId);
    if (type == null) {
      return List.of(unknownObjectType(typeId));
    }
    return named(values, relationshipAttributes.get(typeId), type.relationship().keySet(),
        "a relationship attribute of object type " + type.name() + " in plan " + plan.name(),
        "add it to objects." + type.name() + ".relationship");
  }

  private Violation unknownObjectType(String typeId) {
    List<String> known = new ArrayList<>(objectTypes.keySet());
    known.sort(null);
    return new Violation("", "no object type in plan " + plan.name() + " has object_type_id '" + typeId + "'"
        + (known.isEmpty() ? " (the plan declares no objects)" : " (declared: " + String.join(", ", known) + ")"));
  }

  /** Checks each of {@code values}' fields against its schema in {@code schemas}; a field with none is a violation. */
  private static List<Violation> named(
      JsonNode values, Map<String, CompiledSchema> schemas, Set<String> names, String what, String fix) {
    if (values == null || values.isNull() || values.isMissingNode()) {
      return List.of();
    }
    Violations violations = new Violations();
    if (!values.isObject()) {
      violations.add("attributes must be a JSON object, got " + LiveValues.describe(values));
      return violations.result();
    }
    for (Map.Entry<String, JsonNode> field : values.properties()) {
      int mark = violations.enter(field.getKey());
      CompiledSchema schema = schemas.get(field.getKey());
      if (schema == null) {
        violations.add("is not " + what + Names.didYouMean(field.getKey(), names) + "; " + fix);
      } else {
        schema.check(field.getValue(), violations);
      }
      violations.leave(mark);
    }
    return violations.result();
  }
}
