package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.List;

/**
 * One schema, compiled by {@link SchemaCompiler}: the checks every value meets ({@code normalize}, {@code type},
 * {@code enum}, {@code const}, {@code format}) here, and those of one JSON type in {@link StringChecks},
 * {@link NumberChecks}, {@link ObjectChecks} and {@link ArrayChecks}, each null when the schema has none of
 * its keywords. Immutable once compiled, so one instance serves every thread.
 */
final class CompiledSchema {
  private int typeMask; // 0: any type
  private String typeText = "any";
  private List<Normalization> normalize = List.of();
  private AllowedValues enumValues;
  private AllowedValues constValue;
  private FormatCheck format;
  private StringChecks strings;
  private NumberChecks numbers;
  private ObjectChecks objects;
  private ArrayChecks arrays;

  /** Allows anything until {@link #init}. */
  CompiledSchema() {}

  /**
   * Fills in the checks of {@code s}. Separate from the constructor because the compiler registers this
   * instance before compiling its children, so that a schema that contains itself refers back to it.
   */
  void init(Schema s, SchemaCompiler compiler) {
    for (JsonType t : s.types()) {
      typeMask |= bit(t);
    }
    typeText = s.types().isEmpty() ? "any" : JsonValues.typeNames(s.types());
    normalize = s.normalize();
    enumValues = s.enumValues() == null ? null : new AllowedValues(s.enumValues());
    constValue = s.hasConst() ? new AllowedValues(Collections.singletonList(s.constValue())) : null;
    format = s.format() == null ? null : new FormatCheck(s.format());
    strings = StringChecks.of(s);
    numbers = NumberChecks.of(s);
    objects = ObjectChecks.of(s, compiler);
    arrays = ArrayChecks.of(s, compiler);
  }

  private static int bit(JsonType t) {
    return 1 << t.ordinal();
  }

  /**
   * Adds the violations of {@code value} at the current path. A value of the wrong type gets that one
   * violation only: the other keywords' messages would not help.
   */
  void check(JsonNode value, Violations violations) {
    JsonNode v = value;
    if (!normalize.isEmpty() && v.isTextual()) {
      // the generated mapper normalizes before sending, so the checks (and the messages) see what is sent
      v = TextNode.valueOf(Normalization.applyAll(normalize, v.textValue()));
    }
    JsonType type = LiveValues.typeOf(v);
    if (typeMask != 0) {
      boolean ok = type != null && ((typeMask & bit(type)) != 0
          || (type == JsonType.INTEGER && (typeMask & bit(JsonType.NUMBER)) != 0));
      if (!ok) {
        violations.add("expected " + typeText + ", got " + LiveValues.describe(v));
        return;
      }
    } else if (type == null) {
      violations.add("unsupported value " + LiveValues.describe(v));
      return;
    }
    if (enumValues != null && !enumValues.allows(v)) {
      violations.add("must be one of " + enumValues.rendered + ", got " + LiveValues.describe(v));
    }
    if (constValue != null && !constValue.allows(v)) {
      violations.add("must be " + constValue.rendered + ", got " + LiveValues.describe(v));
    }
    switch (type) {
      case STRING:
        if (strings != null) {
          strings.check(v.textValue(), violations);
        }
        break;
      case INTEGER:
      case NUMBER:
        if (numbers != null) {
          numbers.check(v, violations);
        }
        break;
      case OBJECT:
        if (objects != null) {
          objects.check(v, violations);
        }
        break;
      case ARRAY:
        if (arrays != null) {
          arrays.check(v, violations);
        }
        break;
      default:
        break;
    }
    if (format != null) {
      format.check(v, type, violations);
    }
  }

  /** Adds a violation for each {@code required} property {@code object} lacks; a null object lacks them all. */
  void checkRequired(JsonNode object, Violations violations) {
    if (objects != null) {
      objects.checkRequired(object, violations);
    }
  }
}
