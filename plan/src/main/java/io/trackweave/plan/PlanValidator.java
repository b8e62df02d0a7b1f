package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
 */
public final class PlanValidator {
  private final TrackingPlan plan;
  private final Map<String, Node> events = new HashMap<>();
  private final Map<String, Node> attributes = new HashMap<>();
  /** Object types by Customer.io's type id: their attributes, and their relationships' attributes. */
  private final Map<String, ObjectType> objectTypes = new HashMap<>();
  private final Map<String, Map<String, Node>> objectAttributes = new HashMap<>();
  private final Map<String, Map<String, Node>> relationshipAttributes = new HashMap<>();

  private PlanValidator(TrackingPlan plan) {
    this.plan = plan;
    Map<Schema, Node> compiled = new IdentityHashMap<>();
    plan.events().forEach((name, event) -> events.put(name, compile(event.schema(), compiled)));
    plan.attributes().forEach((name, schema) -> attributes.put(name, compile(schema, compiled)));
    for (ObjectType type : plan.objects().values()) {
      objectTypes.put(type.typeId(), type);
      Map<String, Node> own = new HashMap<>();
      type.attributes().forEach((name, schema) -> own.put(name, compile(schema, compiled)));
      objectAttributes.put(type.typeId(), own);
      Map<String, Node> relationship = new HashMap<>();
      type.relationship().forEach((name, schema) -> relationship.put(name, compile(schema, compiled)));
      relationshipAttributes.put(type.typeId(), relationship);
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
    Node node = events.get(eventName);
    if (node == null) {
      return List.of(new Violation("", "unknown event '" + eventName + "': plan " + plan.name() + " v"
          + plan.version() + " has no such event" + Names.didYouMean(eventName, plan.events().keySet())));
    }
    Run run = new Run();
    if (properties == null || properties.isNull() || properties.isMissingNode()) {
      node.checkRequired(null, run);
    } else {
      node.check(properties, run);
    }
    return run.result();
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

  /** Checks each of {@code values}' fields against its schema in {@code nodes}; a field with none is a violation. */
  private static List<Violation> named(
      JsonNode values, Map<String, Node> nodes, Set<String> names, String what, String fix) {
    if (values == null || values.isNull() || values.isMissingNode()) {
      return List.of();
    }
    Run run = new Run();
    if (!values.isObject()) {
      run.add("attributes must be a JSON object, got " + Node.describe(values));
      return run.result();
    }
    for (Map.Entry<String, JsonNode> field : values.properties()) {
      int mark = run.enter(field.getKey());
      Node node = nodes.get(field.getKey());
      if (node == null) {
        run.add("is not " + what + Names.didYouMean(field.getKey(), names) + "; " + fix);
      } else {
        node.check(field.getValue(), run);
      }
      run.leave(mark);
    }
    return run.result();
  }

  private Node compile(Schema schema, Map<Schema, Node> compiled) {
    if (schema == null) {
      return new Node(); // a hand-built plan without a schema: anything goes
    }
    Schema s = plan.resolve(schema);
    if (s == null) {
      s = schema; // a hand-built plan with a dangling $ref: check what is there
    }
    Node node = compiled.get(s);
    if (node != null) {
      return node;
    }
    node = new Node();
    compiled.put(s, node); // before the children, so that a self-reference ends
    node.init(s, this, compiled);
    return node;
  }

  /** The state of one call: the current path and the violations so far (allocated at the first). */
  private static final class Run {
    private final StringBuilder path = new StringBuilder(48);
    private List<Violation> violations;

    int enter(String name) {
      int mark = path.length();
      if (mark > 0) {
        path.append('.');
      }
      path.append(name);
      return mark;
    }

    int enter(int index) {
      int mark = path.length();
      path.append('[').append(index).append(']');
      return mark;
    }

    void leave(int mark) {
      path.setLength(mark);
    }

    void add(String message) {
      if (violations == null) {
        violations = new ArrayList<>(4);
      }
      violations.add(new Violation(path.toString(), message));
    }

    List<Violation> result() {
      return violations == null ? List.of() : List.copyOf(violations);
    }
  }

  /** The values an {@code enum} or {@code const} allows, indexed for quick lookup. */
  private static final class Allowed {
    final Set<String> strings = new HashSet<>();
    boolean trueAllowed;
    boolean falseAllowed;
    boolean nullAllowed;
    long[] longs = new long[0];
    BigDecimal[] others = new BigDecimal[0];
    final String rendered;

    Allowed(List<Object> values) {
      List<Long> ls = new ArrayList<>();
      List<BigDecimal> os = new ArrayList<>();
      List<String> shown = new ArrayList<>();
      for (Object v : values) {
        if (v instanceof String) {
          strings.add((String) v);
          shown.add("'" + v + "'");
          continue;
        }
        shown.add(v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : String.valueOf(v));
        if (v == null) {
          nullAllowed = true;
        } else if (v instanceof Boolean) {
          if ((Boolean) v) {
            trueAllowed = true;
          } else {
            falseAllowed = true;
          }
        } else if (v instanceof Long) {
          ls.add((Long) v);
        } else if (v instanceof Number) {
          BigDecimal d = v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString());
          Long exact = exactLong(d);
          if (exact != null) {
            ls.add(exact);
          } else {
            os.add(d);
          }
        }
      }
      longs = ls.stream().mapToLong(Long::longValue).toArray();
      others = os.toArray(new BigDecimal[0]);
      rendered = shown.size() == 1 ? shown.get(0) : shown.toString();
    }

    private static Long exactLong(BigDecimal d) {
      try {
        return d.stripTrailingZeros().longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }

    boolean allows(JsonNode v) {
      if (v.isTextual()) {
        return strings.contains(v.textValue());
      }
      if (v.isBoolean()) {
        return v.booleanValue() ? trueAllowed : falseAllowed;
      }
      if (v.isNull()) {
        return nullAllowed;
      }
      if (!v.isNumber()) {
        return false;
      }
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return containsLong(v.longValue());
      }
      if (v.isDouble() || v.isFloat()) {
        double d = v.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 9.0e18 && containsLong((long) d)) {
          return true;
        }
        for (BigDecimal o : others) {
          if (Double.compare(o.doubleValue(), d) == 0) {
            return true;
          }
        }
        return false;
      }
      BigDecimal d = v.decimalValue();
      Long exact = exactLong(d);
      if (exact != null) {
        return containsLong(exact);
      }
      for (BigDecimal o : others) {
        if (o.compareTo(d) == 0) {
          return true;
        }
      }
      return false;
    }

    private boolean containsLong(long v) {
      for (long l : longs) {
        if (l == v) {
          return true;
        }
      }
      return false;
    }
  }

  /** An inclusive numeric bound, kept in the forms the comparisons need so they allocate nothing. */
  private static final class Bound {
    final BigDecimal exact;
    final boolean isLong;
    final long asLong;
    final double asDouble;
    final String shown;

    Bound(BigDecimal exact) {
      this.exact = exact;
      Long l = Allowed.exactLong(exact);
      this.isLong = l != null;
      this.asLong = l == null ? 0 : l;
      this.asDouble = exact.doubleValue();
      this.shown = exact.stripTrailingZeros().toPlainString();
    }

    /** Negative, zero or positive as the number {@code v} is below, at or above this bound. */
    int compare(JsonNode v) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return isLong ? Long.compare(v.longValue(), asLong) : BigDecimal.valueOf(v.longValue()).compareTo(exact);
      }
      if (v.isDouble() || v.isFloat()) {
        return Double.compare(v.doubleValue(), asDouble);
      }
      return v.decimalValue().compareTo(exact);
    }
  }

  /** One schema, compiled: references followed, the pattern compiled, the enum indexed. */
  private static final class Node {

    int typeMask; // 0: any type
    String typeText = "any";
    Map<String, Node> properties;
    String[] required = new String[0];
    Set<String> declared = Set.of();
    boolean additionalAllowed = true;
    Node items;
    Allowed enumValues;
    Allowed constValue;
    String format;
    Bound minimum;
    Bound maximum;
    int minLength = -1;
    int maxLength = -1;
    Pattern pattern;
    int minItems = -1;
    int maxItems = -1;
    List<Normalization> normalize = List.of();

    private static int bit(JsonType t) {
      return 1 << t.ordinal();
    }

    void init(Schema s, PlanValidator validator, Map<Schema, Node> compiled) {
      for (JsonType t : s.types()) {
        typeMask |= bit(t);
      }
      typeText = s.types().isEmpty() ? "any" : JsonValues.typeNames(s.types());
      if (!s.properties().isEmpty()) {
        properties = new HashMap<>();
        s.properties().forEach((name, child) -> properties.put(name, validator.compile(child, compiled)));
      }
      required = s.required().toArray(new String[0]);
      declared = s.properties().keySet();
      additionalAllowed = s.allowsAdditionalProperties();
      items = s.items() == null ? null : validator.compile(s.items(), compiled);
      enumValues = s.enumValues() == null ? null : new Allowed(s.enumValues());
      constValue = s.hasConst() ? new Allowed(java.util.Collections.singletonList(s.constValue())) : null;
      format = s.format();
      minimum = s.minimum() == null ? null : new Bound(s.minimum());
      maximum = s.maximum() == null ? null : new Bound(s.maximum());
      minLength = s.minLength() == null ? -1 : s.minLength();
      maxLength = s.maxLength() == null ? -1 : s.maxLength();
      pattern = s.pattern() == null ? null : Pattern.compile(s.pattern());
      minItems = s.minItems() == null ? -1 : s.minItems();
      maxItems = s.maxItems() == null ? -1 : s.maxItems();
      normalize = s.normalize();
    }

    /** The JSON type of a value; a number with no fractional part is an integer. */
    private static JsonType typeOf(JsonNode v) {
      switch (v.getNodeType()) {
        case STRING: return JsonType.STRING;
        case BOOLEAN: return JsonType.BOOLEAN;
        case NULL:
        case MISSING: return JsonType.NULL;
        case OBJECT: return JsonType.OBJECT;
        case ARRAY: return JsonType.ARRAY;
        case NUMBER: return isWhole(v) ? JsonType.INTEGER : JsonType.NUMBER;
        default: return null;
      }
    }

    private static boolean isWhole(JsonNode v) {
      if (v.isIntegralNumber()) {
        return true;
      }
      if (v.isDouble() || v.isFloat()) {
        double d = v.doubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d);
      }
      BigDecimal d = v.decimalValue();
      return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    void check(JsonNode value, Run run) {
      JsonNode v = value;
      if (!normalize.isEmpty() && v.isTextual()) {
        v = com.fasterxml.jackson.databind.node.TextNode.valueOf(Normalization.applyAll(normalize, v.textValue()));
      }
      JsonType type = typeOf(v);
      if (typeMask != 0) {
        boolean ok = type != null && ((typeMask & bit(type)) != 0
            || (type == JsonType.INTEGER && (typeMask & bit(JsonType.NUMBER)) != 0));
        if (!ok) {
          run.add("expected " + typeText + ", got " + describe(v));
          return;
        }
      } else if (type == null) {
        run.add("unsupported value " + describe(v));
        return;
      }
      if (enumValues != null && !enumValues.allows(v)) {
        run.add("must be one of " + enumValues.rendered + ", got " + describe(v));
      }
      if (constValue != null && !constValue.allows(v)) {
        run.add("must be " + constValue.rendered + ", got " + describe(v));
      }
      switch (type) {
        case STRING:
          checkString(v.textValue(), run);
          break;
        case INTEGER:
        case NUMBER:
          checkNumber(v, type, run);
          break;
        case OBJECT:
          checkObject(v, run);
          break;
        case ARRAY:
          checkArray(v, run);
          break;
        default:
          break;
      }
    }

    private void checkString(String s, Run run) {
      if (minLength >= 0 || maxLength >= 0) {
        int length = s.codePointCount(0, s.length());
        if (minLength >= 0 && length < minLength) {
          run.add("must be at least " + minLength + " characters long (minLength), got " + length);
        }
        if (maxLength >= 0 && length > maxLength) {
          run.add("must be at most " + maxLength + " characters long (maxLength), got " + length);
        }
      }
      if (pattern != null && !pattern.matcher(s).find()) {
        run.add("must match pattern " + pattern.pattern() + ", got " + quote(s));
      }
      if (format != null && !Formats.matchesString(format, s)) {
        run.add("is not a valid " + format + " (format), got " + quote(s));
      }
    }

    private void checkNumber(JsonNode v, JsonType type, Run run) {
      if (minimum != null && minimum.compare(v) < 0) {
        run.add("must be >= " + minimum.shown + " (minimum), got " + v.asText());
      }
      if (maximum != null && maximum.compare(v) > 0) {
        run.add("must be <= " + maximum.shown + " (maximum), got " + v.asText());
      }
      if ("unix-time".equals(format)) {
        boolean ok = type == JsonType.INTEGER && (v.canConvertToLong()
            ? Formats.isUnixTime(v.isIntegralNumber() ? v.longValue() : (long) v.doubleValue())
            : false);
        if (!ok) {
          run.add(type == JsonType.INTEGER && Math.abs(v.doubleValue()) >= Formats.MAX_UNIX_SECONDS
              ? "must be unix seconds (format unix-time); " + v.asText() + " looks like milliseconds: divide by 1000"
              : "must be whole unix seconds (format unix-time), got " + v.asText());
        }
      }
    }

    private void checkObject(JsonNode v, Run run) {
      if (properties != null || !additionalAllowed) {
        for (Map.Entry<String, JsonNode> field : v.properties()) {
          Node child = properties == null ? null : properties.get(field.getKey());
          if (child != null) {
            int mark = run.enter(field.getKey());
            child.check(field.getValue(), run);
            run.leave(mark);
          } else if (!additionalAllowed) {
            int mark = run.enter(field.getKey());
            run.add("is not in the plan (additionalProperties is false)" + Names.didYouMean(field.getKey(), declared));
            run.leave(mark);
          }
        }
      }
      checkRequired(v, run);
    }

    void checkRequired(JsonNode v, Run run) {
      for (String name : required) {
        if (v == null || !v.has(name)) {
          int mark = run.enter(name);
          run.add("is required but missing");
          run.leave(mark);
        }
      }
    }

    private void checkArray(JsonNode v, Run run) {
      int size = v.size();
      if (minItems >= 0 && size < minItems) {
        run.add("must have at least " + minItems + " items (minItems), got " + size);
      }
      if (maxItems >= 0 && size > maxItems) {
        run.add("must have at most " + maxItems + " items (maxItems), got " + size);
      }
      if (items != null) {
        for (int i = 0; i < size; i++) {
          int mark = run.enter(i);
          items.check(v.get(i), run);
          run.leave(mark);
        }
      }
    }

    private static String quote(String s) {
      return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }

    static String describe(JsonNode v) {
      switch (v.getNodeType()) {
        case STRING: return "string " + quote(v.textValue());
        case NUMBER: return (isWhole(v) ? "integer " : "number ") + v.asText();
        case BOOLEAN: return "boolean " + v.asText();
        case NULL:
        case MISSING: return "null";
        case OBJECT: return "object";
        case ARRAY: return "array";
        default: return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }
}
