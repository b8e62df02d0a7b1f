package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * A schema's object keywords: each declared property checked against its own schema, {@code required}
 * (present, even if null), and {@code additionalProperties: false} (an undeclared key is a violation, with a
 * "did you mean" among the declared ones).
 */
final class ObjectChecks {
  /** Null when no property is declared. */
  private final Map<String, CompiledSchema> properties;
  private final String[] required;
  private final Set<String> declared;
  private final boolean additionalAllowed;

  private ObjectChecks(Schema s, SchemaCompiler compiler) {
    properties = s.properties().isEmpty() ? null : compiler.compileAll(s.properties());
    required = s.required().toArray(new String[0]);
    declared = s.properties().keySet();
    additionalAllowed = s.allowsAdditionalProperties();
  }

  /** The object checks of {@code s} (its properties compiled by {@code compiler}), or null when it has none. */
  static ObjectChecks of(Schema s, SchemaCompiler compiler) {
    boolean none = s.properties().isEmpty() && s.required().isEmpty() && s.allowsAdditionalProperties();
    return none ? null : new ObjectChecks(s, compiler);
  }

  void check(JsonNode object, Violations violations) {
    if (properties != null || !additionalAllowed) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        CompiledSchema child = properties == null ? null : properties.get(field.getKey());
        if (child != null) {
          int mark = violations.enter(field.getKey());
          child.check(field.getValue(), violations);
          violations.leave(mark);
        } else if (!additionalAllowed) {
          violations.addAt(field.getKey(), "is not in the plan (additionalProperties is false)"
              + Names.didYouMean(field.getKey(), declared));
        }
      }
    }
    checkRequired(object, violations);
  }

  /** Adds a violation for each required property {@code object} lacks; a null object lacks them all. */
  void checkRequired(JsonNode object, Violations violations) {
    for (String name : required) {
      if (object == null || !object.has(name)) {
        violations.addAt(name, "is required but missing");
      }
    }
  }
}
