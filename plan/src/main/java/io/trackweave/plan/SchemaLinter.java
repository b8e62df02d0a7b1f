package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one schema (the subset of JSON Schema that tracking-plan.md lists) into the model, reporting every problem
 * in it and in its children: each keyword's own value here, then the rules between keywords in {@link SchemaRules}.
 * Records each {@code $ref} in the {@link RefGraph}, which checks them once every definition is read.
 */
final class SchemaLinter {
  static final List<String> KEYWORDS = List.of("type", "properties", "required", "additionalProperties", "items",
      "enum", "const", "format", "minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
      "$ref", "description", "normalize");
  static final List<String> FORMATS = List.of("date-time", "date", "email", "uri", "unix-time");

  /** JSON Schema keywords people reach for that Trackweave deliberately does not implement. */
  private static final Set<String> UNSUPPORTED_JSON_SCHEMA = Set.of("oneOf", "anyOf", "allOf", "not", "if", "then",
      "else", "$id", "$schema", "$anchor", "$dynamicRef", "$comment", "title", "default", "examples", "deprecated",
      "readOnly", "writeOnly", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "patternProperties",
      "propertyNames", "dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems",
      "prefixItems", "contains", "minContains", "maxContains", "uniqueItems", "minProperties", "maxProperties",
      "contentEncoding", "contentMediaType", "definitions");

  /** Type names from other languages, mapped to the JSON Schema name a plan must use. */
  private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(Map.entry("int", "integer"),
      Map.entry("long", "integer"), Map.entry("short", "integer"), Map.entry("float", "number"),
      Map.entry("double", "number"), Map.entry("decimal", "number"), Map.entry("bool", "boolean"),
      Map.entry("str", "string"), Map.entry("text", "string"), Map.entry("list", "array"), Map.entry("map", "object"),
      Map.entry("dict", "object"), Map.entry("timestamp", "integer"));

  private static final List<String> NORMALIZATIONS =
      Arrays.stream(Normalization.values()).map(Normalization::key).toList();

  private final PlanProblems problems;
  private final RefGraph refs;
  private final SchemaRules rules;
  /** The definition being read, so that a $ref inside it becomes an edge of the graph; null outside $defs. */
  private String currentDef;
  /** Pointers of schemas whose shape is unknown after an earlier problem (a malformed $ref). */
  private final Set<String> unknownShapes = new HashSet<>();

  SchemaLinter(PlanProblems problems, RefGraph refs) {
    this.problems = problems;
    this.refs = refs;
    this.rules = new SchemaRules(problems);
  }

  /** Reads the definition {@code name} of {@code $defs}. */
  Schema definition(String name, JsonNode node, String path) {
    currentDef = name;
    try {
      return schema(node, path);
    } finally {
      currentDef = null;
    }
  }

  /** True when the schema at {@code pointer} has a malformed $ref, so its type is unknown (and reported). */
  boolean shapeUnknown(String pointer) {
    return unknownShapes.contains(pointer);
  }

  /** A schema with no keywords, standing in where the plan has none or an unusable one. */
  static Schema emptySchema(String pointer) {
    return new Schema(Set.of(), Map.of(), List.of(), null, null, null, false, null, null, null, null, null, null,
        null, null, null, null, null, pointer);
  }

  /** Reads one schema, reporting every problem in it (and in its children); returns a best-effort model. */
  Schema schema(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      String hint = node != null && node.isBoolean() ? PlanMessage.Part.BOOLEAN_SCHEMA.text()
          : PlanMessage.Part.SCHEMA_EXAMPLE.text();
      problems.report(path, PlanMessage.SCHEMA_NOT_MAPPING, PlanMessage.describe(node), hint);
      return emptySchema(path);
    }
    Set<JsonType> types = new LinkedHashSet<>();
    Map<String, Schema> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    Boolean additional = null;
    Schema items = null;
    List<Object> enumValues = null;
    boolean hasConst = false;
    Object constValue = null;
    String format = null;
    BigDecimal minimum = null;
    BigDecimal maximum = null;
    Integer minLength = null;
    Integer maxLength = null;
    String pattern = null;
    Integer minItems = null;
    Integer maxItems = null;
    String ref = null;
    String description = null;
    List<Normalization> normalize = new ArrayList<>();

    for (Map.Entry<String, JsonNode> field : new ArrayList<>(node.properties())) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = LocatedTree.child(path, key);
      switch (key) {
        case "type":
          types = types(value, at);
          break;
        case "properties":
          if (!value.isObject()) {
            problems.report(at, PlanMessage.PROPERTIES_NOT_MAPPING, PlanMessage.describe(value));
            break;
          }
          List<Map.Entry<String, JsonNode>> props = new ArrayList<>();
          props.addAll(value.properties());
          for (Map.Entry<String, JsonNode> p : props) {
            String propPath = LocatedTree.child(at, p.getKey());
            problems.snakeCase(propPath, p.getKey(), "property", true);
            properties.put(p.getKey(), schema(p.getValue(), propPath));
          }
          break;
        case "required":
          if (!value.isArray()) {
            problems.report(at, PlanMessage.REQUIRED_NOT_LIST, PlanMessage.describe(value));
            break;
          }
          for (int i = 0; i < value.size(); i++) {
            JsonNode r = value.get(i);
            String rPath = at + "[" + i + "]";
            if (!r.isTextual()) {
              problems.report(rPath, PlanMessage.REQUIRED_ENTRY_NOT_NAME, PlanMessage.describe(r));
            } else if (required.contains(r.asText())) {
              problems.report(rPath, PlanMessage.REQUIRED_TWICE, r.asText());
            } else {
              required.add(r.asText());
            }
          }
          break;
        case "additionalProperties":
          if (value.isBoolean()) {
            additional = value.booleanValue();
          } else {
            problems.report(at, PlanMessage.BAD_ADDITIONAL_PROPERTIES, PlanMessage.describe(value));
          }
          break;
        case "items":
          if (value.isObject()) {
            items = schema(value, at);
          } else {
            problems.report(at, PlanMessage.BAD_ITEMS, PlanMessage.describe(value));
          }
          break;
        case "enum":
          if (!value.isArray() || value.isEmpty()) {
            problems.report(at, PlanMessage.BAD_ENUM, PlanMessage.describe(value));
            break;
          }
          enumValues = new ArrayList<>();
          for (int i = 0; i < value.size(); i++) {
            JsonNode v = value.get(i);
            if (v.isContainerNode()) {
              problems.report(at + "[" + i + "]", PlanMessage.ENUM_VALUE_NOT_SCALAR, PlanMessage.describe(v));
            } else {
              enumValues.add(JsonValues.plainValue(v));
            }
          }
          break;
        case "const":
          if (value.isContainerNode()) {
            problems.report(at, PlanMessage.CONST_NOT_SCALAR, PlanMessage.describe(value));
          } else {
            hasConst = true;
            constValue = JsonValues.plainValue(value);
          }
          break;
        case "format":
          if (value.isTextual() && FORMATS.contains(value.asText())) {
            format = value.asText();
          } else {
            String hint = value.isTextual() ? PlanMessage.didYouMean(value.asText(), FORMATS) : "";
            problems.report(at, PlanMessage.UNSUPPORTED_FORMAT,
                value.isTextual() ? PlanMessage.Part.QUOTED.text(value.asText()) : PlanMessage.describe(value), hint,
                String.join(", ", FORMATS));
          }
          break;
        case "minimum":
        case "maximum":
          if (value.isNumber()) {
            BigDecimal bound = value.decimalValue();
            if ("minimum".equals(key)) {
              minimum = bound;
            } else {
              maximum = bound;
            }
          } else {
            problems.report(at, PlanMessage.BOUND_NOT_NUMBER, key, key, PlanMessage.describe(value));
          }
          break;
        case "minLength":
        case "maxLength":
        case "minItems":
        case "maxItems":
          Integer count = count(value, at, key);
          if (count != null) {
            switch (key) {
              case "minLength": minLength = count; break;
              case "maxLength": maxLength = count; break;
              case "minItems": minItems = count; break;
              default: maxItems = count; break;
            }
          }
          break;
        case "pattern":
          if (!value.isTextual()) {
            problems.report(at, PlanMessage.PATTERN_NOT_TEXT, PlanMessage.describe(value));
            break;
          }
          try {
            Pattern.compile(value.asText());
            pattern = value.asText();
          } catch (PatternSyntaxException e) {
            problems.report(at, PlanMessage.BAD_PATTERN, e.getDescription(), e.getIndex(), value.asText());
          }
          break;
        case "$ref":
          if (value.isTextual() && value.asText().startsWith(RefGraph.REF_PREFIX)
              && value.asText().length() > RefGraph.REF_PREFIX.length()) {
            ref = value.asText();
            refs.add(at, ref.substring(RefGraph.REF_PREFIX.length()), currentDef);
          } else {
            unknownShapes.add(path); // its type is unknown; do not also complain that it is not an object
            problems.report(at, PlanMessage.BAD_REF, PlanMessage.describe(value));
          }
          break;
        case "description":
          if (value.isTextual() || value.isNull()) {
            description = value.textValue();
          } else {
            problems.report(at, PlanMessage.DESCRIPTION_NOT_TEXT, PlanMessage.describe(value));
          }
          break;
        case "normalize":
          normalize(value, at, normalize);
          break;
        case "$defs":
          problems.report(at, PlanMessage.NESTED_DEFS);
          break;
        default:
          unknownKeyword(at, key);
          break;
      }
    }

    Schema schema = new Schema(types, properties, required, additional, items, enumValues, hasConst, constValue,
        format, minimum, maximum, minLength, maxLength, pattern, minItems, maxItems, ref, description, path,
        normalize);
    rules.check(node, path, schema);
    return schema;
  }

  private void normalize(JsonNode value, String at, List<Normalization> out) {
    if (!value.isArray() || value.isEmpty()) {
      problems.report(at, PlanMessage.BAD_NORMALIZE, String.join(", ", NORMALIZATIONS), PlanMessage.describe(value));
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode v = value.get(i);
      Normalization n = v.isTextual() ? EnumKeys.of(Normalization.values(), Normalization::key, v.asText()) : null;
      if (n == null) {
        String hint = v.isTextual() ? PlanMessage.didYouMean(v.asText(), NORMALIZATIONS) : "";
        problems.report(at + "[" + i + "]", PlanMessage.UNKNOWN_NORMALIZE_STEP,
            v.isTextual() ? PlanMessage.Part.QUOTED.text(v.asText()) : PlanMessage.describe(v), hint,
            String.join(", ", NORMALIZATIONS));
      } else if (out.contains(n)) {
        problems.report(at + "[" + i + "]", PlanMessage.NORMALIZE_STEP_TWICE, n.key());
      } else {
        out.add(n);
      }
    }
    if (out.contains(Normalization.LOWERCASE) && out.contains(Normalization.UPPERCASE)) {
      problems.report(at, PlanMessage.NORMALIZE_BOTH_CASES);
    }
  }



  private void unknownKeyword(String at, String key) {
    String close = Names.closest(key, KEYWORDS);
    String message;
    if (close != null) {
      message = PlanMessage.Part.KEYWORD_DID_YOU_MEAN.text(key, close);
    } else if (UNSUPPORTED_JSON_SCHEMA.contains(key)) {
      message = PlanMessage.Part.KEYWORD_UNSUPPORTED.text(key);
    } else if (Names.isSnakeCase(key)) {
      message = PlanMessage.Part.KEYWORD_LIKE_PROPERTY.text(key);
    } else {
      message = PlanMessage.Part.KEYWORD_UNKNOWN.text(key);
    }
    problems.report(at, PlanMessage.UNKNOWN_KEYWORD, message, String.join(", ", KEYWORDS));
  }

  private Set<JsonType> types(JsonNode value, String at) {
    Set<JsonType> types = new LinkedHashSet<>();
    if (value.isTextual()) {
      JsonType t = type(value.asText(), at);
      if (t != null) {
        types.add(t);
      }
    } else if (value.isArray() && !value.isEmpty()) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode v = value.get(i);
        String vAt = at + "[" + i + "]";
        if (!v.isTextual()) {
          problems.report(vAt, PlanMessage.TYPE_NAME_NOT_TEXT, PlanMessage.describe(v),
              v.isNull() ? PlanMessage.Part.QUOTE_NULL_TYPE_NAME.text() : "");
          continue;
        }
        JsonType t = type(v.asText(), vAt);
        if (t != null && !types.add(t)) {
          problems.report(vAt, PlanMessage.TYPE_TWICE, t.keyword());
        }
      }
    } else {
      problems.report(at, PlanMessage.BAD_TYPE, PlanMessage.describe(value),
          value.isNull() ? PlanMessage.Part.QUOTE_NULL_TYPE.text() : "");
    }
    return types;
  }

  private JsonType type(String name, String at) {
    JsonType t = JsonType.ofKeyword(name);
    if (t == null) {
      List<String> names = new ArrayList<>();
      for (JsonType j : JsonType.values()) {
        names.add(j.keyword());
      }
      String alias = TYPE_ALIASES.get(name.toLowerCase(Locale.ROOT));
      String hint = alias != null ? PlanMessage.Part.DID_YOU_MEAN.text(alias) : PlanMessage.didYouMean(name, names);
      problems.report(at, PlanMessage.UNKNOWN_TYPE, name, hint, String.join(", ", names));
    }
    return t;
  }

  private Integer count(JsonNode value, String at, String key) {
    if (value.isNumber() && value.decimalValue().signum() >= 0) {
      BigDecimal d = value.decimalValue();
      try {
        return d.intValueExact();
      } catch (ArithmeticException e) {
        // falls through: not a whole number, or too large
      }
    }
    problems.report(at, PlanMessage.BAD_COUNT, key, key, PlanMessage.describe(value));
    return null;
  }
}
