package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a plan's tree into the model and checks every plan-level rule of tracking-plan.md on the way, collecting
 * every problem rather than stopping at the first. Each problem names the key and says how to fix it.
 */
final class PlanLinter {
  static final List<String> TOP_LEVEL_KEYS = List.of("plan", "version", "identifier", "attributes", "events", "$defs",
      "segments", "journeys", "objects");
  static final List<String> EVENT_KEYS = List.of("description", "dedupe", "schema");
  static final List<String> IDENTIFIERS = List.of("id", "email", "cio_id");
  static final List<String> KEYWORDS = List.of("type", "properties", "required", "additionalProperties", "items",
      "enum", "const", "format", "minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
      "$ref", "description", "normalize");
  static final List<String> FORMATS = List.of("date-time", "date", "email", "uri", "unix-time");
  static final String REF_PREFIX = "#/$defs/";

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

  private static final Pattern DEF_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final String source;
  private final LocatedTree tree;
  private final List<PlanProblem> problems;
  /** Every {@code $ref} seen: the path of the {@code $ref} key, the def it names, the def it sits in (or null). */
  private final List<RefUse> refs = new ArrayList<>();
  private String currentDef;
  /** Events (by name) and schemas (by pointer) whose shape is unknown after an earlier problem. */
  private final java.util.Set<String> eventsWithoutSchema = new java.util.HashSet<>();

  private record RefUse(String path, String target, String inDef) {}

  PlanLinter(String source, LocatedTree tree, List<PlanProblem> problems) {
    this.source = source;
    this.tree = tree;
    this.problems = problems;
  }

  private void problem(String path, String message) {
    problems.add(new PlanProblem(source, path, tree.line(path), message));
  }

  /** The plan, or null when the root is unusable; problems are in the list either way. */
  TrackingPlan lint(JsonNode root) {
    if (root == null) {
      return null;
    }
    if (!root.isObject()) {
      problem("", "a plan is a mapping with the keys plan, version, identifier, attributes, events and $defs; "
          + "this file holds " + describe(root));
      return null;
    }
    root.fieldNames().forEachRemaining(key -> {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        problem(key, "unknown top-level key '" + key + "'" + Names.didYouMean(key, TOP_LEVEL_KEYS)
            + "; a plan has only " + String.join(", ", TOP_LEVEL_KEYS) + " (schemas go under events.<name>.schema, "
            + "attributes or $defs)");
      }
    });

    String name = planName(root.get("plan"));
    int version = version(root.get("version"));
    String identifier = identifier(root.get("identifier"));

    Map<String, Schema> defs = new LinkedHashMap<>();
    JsonNode defsNode = root.get("$defs");
    for (Map.Entry<String, JsonNode> e : mapping(defsNode, "$defs", "a mapping from a definition name to its schema")) {
      String path = LocatedTree.child("$defs", e.getKey());
      if (!DEF_NAME.matcher(e.getKey()).matches()) {
        problem(path, "definition name '" + e.getKey() + "' cannot be referenced as " + REF_PREFIX + e.getKey()
            + "; use letters, digits, '_', '-' or '.' only, e.g. '" + Names.toSnakeCase(e.getKey()) + "'");
      }
      currentDef = e.getKey();
      defs.put(e.getKey(), schema(e.getValue(), path));
      currentDef = null;
    }

    Map<String, Schema> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e :
        mapping(root.get("attributes"), "attributes", "a mapping from an attribute name to its schema")) {
      String path = LocatedTree.child("attributes", e.getKey());
      checkSnakeCase(path, e.getKey(), "attribute");
      attributes.put(e.getKey(), schema(e.getValue(), path));
    }

    Map<String, EventDefinition> events = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e :
        mapping(root.get("events"), "events", "a mapping from an event name to its description, dedupe and schema")) {
      String path = LocatedTree.child("events", e.getKey());
      checkSnakeCase(path, e.getKey(), "event");
      EventDefinition event = event(e.getKey(), e.getValue(), path);
      if (event != null) {
        events.put(e.getKey(), event);
      }
    }
    if (!root.has("events")) {
      problem("", "the plan has no 'events' mapping; add 'events:' with at least one event, e.g. "
          + "order_completed: {schema: {type: object, properties: {...}}}");
    }

    Map<String, ObjectType> objects =
        new ObjectTypesLinter(this::problem, this::schema).objects(root.get("objects"));

    boolean refsResolve = checkRefs(defs);
    for (EventDefinition event : events.values()) {
      checkEventSchema(event, defs); // skips what a broken reference hides; that reference is reported already
    }
    JourneyLinter journeys = new JourneyLinter(this::problem, attributes, events,
        schema -> refsResolve ? resolve(schema, defs) : null);
    Map<String, Segment> segments = journeys.segments(root.get("segments"));
    Map<String, Journey> journeyMap = journeys.journeys(root.get("journeys"), segments);
    if (name == null || version <= 0 || identifier == null) {
      return null;
    }
    return new TrackingPlan(name, version, identifier, attributes, events, defs, source, segments, journeyMap,
        objects);
  }

  // ---- top level -------------------------------------------------------------------------------------------

  private String planName(JsonNode node) {
    if (node == null) {
      problem("", "missing 'plan'; add 'plan: <name>' (the plan's name, for messages and the catalog)");
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problem("plan", "'plan' must be a non-empty name, e.g. 'plan: shop-retention'; it is " + describe(node));
      return null;
    }
    return node.asText();
  }

  private int version(JsonNode node) {
    if (node == null) {
      problem("", "missing 'version'; add 'version: 1' and bump it on every change of the plan");
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
      problem("version", "'version' must be a positive whole number, e.g. 'version: 1' (no quotes); it is "
          + describe(node));
      return 0;
    }
    return node.intValue();
  }

  private String identifier(JsonNode node) {
    if (node == null) {
      problem("", "missing 'identifier'; add 'identifier: id' (or email, or cio_id): the key that identifies a "
          + "person in Customer.io");
      return null;
    }
    if (!node.isTextual() || !IDENTIFIERS.contains(node.asText())) {
      String hint = node.isTextual() ? Names.didYouMean(node.asText(), IDENTIFIERS) : "";
      problem("identifier", "'identifier' must be one of id, email, cio_id; it is " + describe(node) + hint);
      return null;
    }
    return node.asText();
  }

  /** The entries of a mapping-valued key; absent or null means empty, anything else is a problem. */
  private Iterable<Map.Entry<String, JsonNode>> mapping(JsonNode node, String path, String what) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      problem(path, "'" + path + "' must be " + what + "; it is " + describe(node));
      return List.of();
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    entries.addAll(node.properties());
    return entries;
  }

  private void checkSnakeCase(String path, String name, String what) {
    if (!Names.isSnakeCase(name)) {
      String fixed = Names.toSnakeCase(name);
      problem(path, what + " name '" + name + "' is not lowercase snake_case"
          + (Names.isSnakeCase(fixed) ? "; rename it to '" + fixed + "'" : "; use lowercase letters, digits and "
          + "single underscores, starting with a letter"));
    }
  }

  // ---- events ----------------------------------------------------------------------------------------------

  private EventDefinition event(String name, JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem(path, "event '" + name + "' must be a mapping with description, dedupe and schema; it is "
          + describe(node) + ". Write e.g. '" + name + ": {schema: {type: object, properties: {...}}}'");
      return null;
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!EVENT_KEYS.contains(key)) {
        String hint = KEYWORDS.contains(key) ? "; schema keywords go under '" + path + ".schema'"
            : Names.didYouMean(key, EVENT_KEYS);
        problem(LocatedTree.child(path, key), "unknown event key '" + key + "'" + hint
            + "; an event has only description, dedupe and schema");
      }
    });
    String description = null;
    JsonNode d = node.get("description");
    if (d != null && !d.isNull()) {
      if (d.isTextual()) {
        description = d.asText();
      } else {
        problem(LocatedTree.child(path, "description"), "description must be text; it is " + describe(d)
            + ". Quote it");
      }
    }
    String dedupe = null;
    JsonNode dd = node.get("dedupe");
    if (dd != null && !dd.isNull()) {
      if (dd.isTextual() && !dd.asText().isEmpty()) {
        dedupe = dd.asText();
      } else {
        problem(LocatedTree.child(path, "dedupe"), "dedupe must name one property of the event, e.g. "
            + "'dedupe: order_id'; it is " + describe(dd));
      }
    }
    JsonNode s = node.get("schema");
    String schemaPath = LocatedTree.child(path, "schema");
    Schema schema;
    if (s == null || s.isNull()) {
      problem(path, "event '" + name + "' has no schema; add 'schema: {type: object, properties: {...}}' "
          + "(use 'additionalProperties: false' with no properties for an event without properties)");
      schema = emptySchema(schemaPath);
      eventsWithoutSchema.add(name);
    } else {
      schema = schema(s, schemaPath);
    }
    return new EventDefinition(name, description, dedupe, schema);
  }

  /** Runs after references are known to resolve without cycles. */
  private void checkEventSchema(EventDefinition event, Map<String, Schema> defs) {
    String path = LocatedTree.child("events", event.name());
    Schema schema = resolve(event.schema(), defs);
    if (schema == null || eventsWithoutSchema.contains(event.name())
        || eventsWithoutSchema.contains(event.schema().pointer())) {
      return;
    }
    if (!schema.types().equals(Set.of(JsonType.OBJECT))) {
      String where = event.schema().ref() != null ? " (via " + event.schema().ref() + ")" : "";
      problem(LocatedTree.child(path, "schema"), "an event's schema must be 'type: object'" + where + "; it is "
          + (schema.types().isEmpty() ? "untyped" : "type " + typeNames(schema.types())) + ". Add 'type: object'");
    }
    String dedupe = event.dedupe();
    if (dedupe == null) {
      return;
    }
    String dedupePath = LocatedTree.child(path, "dedupe");
    Schema property = schema.properties().get(dedupe);
    if (property == null) {
      problem(dedupePath, "dedupe names '" + dedupe + "', which is not a property of event '" + event.name() + "'"
          + Names.didYouMean(dedupe, schema.properties().keySet()) + "; name one of its required string or "
          + "integer properties, e.g. an order id");
      return;
    }
    if (!schema.required().contains(dedupe)) {
      problem(dedupePath, "dedupe property '" + dedupe + "' is not required; add it to the event schema's "
          + "'required' list (an occurrence without it could not be deduplicated)");
    }
    Schema resolved = resolve(property, defs);
    Set<JsonType> types = resolved == null ? Set.of() : resolved.types();
    if (types.isEmpty() || !EnumSet.of(JsonType.STRING, JsonType.INTEGER).containsAll(types)) {
      problem(dedupePath, "dedupe property '" + dedupe + "' must be of type string or integer; it is "
          + (types.isEmpty() ? "untyped" : typeNames(types)) + ". Give it 'type: string' (or integer), without null");
    }
  }

  private static Schema resolve(Schema schema, Map<String, Schema> defs) {
    Schema s = schema;
    int hops = 0;
    while (s != null && s.ref() != null && hops++ <= defs.size()) {
      s = defs.get(s.ref().substring(REF_PREFIX.length()));
    }
    return s == null || s.ref() != null ? null : s;
  }

  // ---- references ------------------------------------------------------------------------------------------

  /** True when every reference resolves and there is no cycle. */
  private boolean checkRefs(Map<String, Schema> defs) {
    boolean ok = true;
    Map<String, List<RefUse>> graph = new HashMap<>();
    for (RefUse ref : refs) {
      if (!defs.containsKey(ref.target())) {
        ok = false;
        problem(ref.path(), "$ref '" + REF_PREFIX + ref.target() + "' does not resolve: there is no '" + ref.target()
            + "' under $defs" + Names.didYouMean(ref.target(), defs.keySet()) + "; add it to $defs or fix the name");
      } else if (ref.inDef() != null) {
        graph.computeIfAbsent(ref.inDef(), k -> new ArrayList<>()).add(ref);
      }
    }
    // Depth-first search over the definitions; each cycle is reported once, at the $ref that closes it.
    Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
    for (String def : defs.keySet()) {
      if (!findCycles(def, graph, state, new ArrayList<>())) {
        ok = false;
      }
    }
    return ok;
  }

  private boolean findCycles(String def, Map<String, List<RefUse>> graph, Map<String, Integer> state,
      List<String> stack) {
    Integer s = state.get(def);
    if (s != null) {
      return true;
    }
    state.put(def, 1);
    stack.add(def);
    boolean ok = true;
    for (RefUse ref : graph.getOrDefault(def, List.of())) {
      Integer targetState = state.get(ref.target());
      if (targetState != null && targetState == 1) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(ref.target()), stack.size()));
        cycle.add(ref.target());
        problem(ref.path(), "reference cycle " + String.join(" -> ", cycle) + "; a payload must be finite, so a "
            + "definition may not refer back to itself: break the cycle (e.g. refer to an id instead of the object)");
        ok = false;
      } else if (!findCycles(ref.target(), graph, state, stack)) {
        ok = false;
      }
    }
    stack.remove(stack.size() - 1);
    state.put(def, 2);
    return ok;
  }

  // ---- schemas ---------------------------------------------------------------------------------------------

  private Schema emptySchema(String pointer) {
    return new Schema(Set.of(), Map.of(), List.of(), null, null, null, false, null, null, null, null, null, null,
        null, null, null, null, null, pointer);
  }

  /** Reads one schema, reporting every problem in it (and in its children); returns a best-effort model. */
  private Schema schema(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      String hint = node != null && node.isBoolean()
          ? "; boolean schemas are not supported: write {} for anything, or the keywords that constrain the value"
          : "; write a mapping of keywords, e.g. {type: string}";
      problem(path, "a schema must be a mapping of keywords; it is " + describe(node) + hint);
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

    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    fields.addAll(node.properties());
    for (Map.Entry<String, JsonNode> field : fields) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = LocatedTree.child(path, key);
      switch (key) {
        case "type":
          types = types(value, at);
          break;
        case "properties":
          if (!value.isObject()) {
            problem(at, "properties must be a mapping from property name to schema; it is " + describe(value));
            break;
          }
          List<Map.Entry<String, JsonNode>> props = new ArrayList<>();
          props.addAll(value.properties());
          for (Map.Entry<String, JsonNode> p : props) {
            String propPath = LocatedTree.child(at, p.getKey());
            checkSnakeCase(propPath, p.getKey(), "property");
            properties.put(p.getKey(), schema(p.getValue(), propPath));
          }
          break;
        case "required":
          if (!value.isArray()) {
            problem(at, "required must be a list of property names, e.g. [order_id, revenue]; it is "
                + describe(value));
            break;
          }
          for (int i = 0; i < value.size(); i++) {
            JsonNode r = value.get(i);
            String rPath = at + "[" + i + "]";
            if (!r.isTextual()) {
              problem(rPath, "required entries are property names; this one is " + describe(r));
            } else if (required.contains(r.asText())) {
              problem(rPath, "'" + r.asText() + "' is listed twice in required; remove one");
            } else {
              required.add(r.asText());
            }
          }
          break;
        case "additionalProperties":
          if (value.isBoolean()) {
            additional = value.booleanValue();
          } else {
            problem(at, "additionalProperties must be true or false (schemas for additional properties are not "
                + "supported); it is " + describe(value));
          }
          break;
        case "items":
          if (value.isObject()) {
            items = schema(value, at);
          } else {
            problem(at, "items must be one schema for every element, e.g. {type: string} (lists of schemas and "
                + "booleans are not supported); it is " + describe(value));
          }
          break;
        case "enum":
          if (!value.isArray() || value.isEmpty()) {
            problem(at, "enum must be a non-empty list of allowed values, e.g. [USD, EUR]; it is "
                + describe(value));
            break;
          }
          enumValues = new ArrayList<>();
          for (int i = 0; i < value.size(); i++) {
            JsonNode v = value.get(i);
            if (v.isContainerNode()) {
              problem(at + "[" + i + "]", "enum values must be strings, numbers, booleans or null; this one is "
                  + describe(v));
            } else {
              enumValues.add(plainValue(v));
            }
          }
          break;
        case "const":
          if (value.isContainerNode()) {
            problem(at, "const must be a string, number, boolean or null; it is " + describe(value));
          } else {
            hasConst = true;
            constValue = plainValue(value);
          }
          break;
        case "format":
          if (value.isTextual() && FORMATS.contains(value.asText())) {
            format = value.asText();
          } else {
            String hint = value.isTextual() ? Names.didYouMean(value.asText(), FORMATS) : "";
            problem(at, "unsupported format " + (value.isTextual() ? "'" + value.asText() + "'" : describe(value))
                + hint + "; supported formats are "
                + String.join(", ", FORMATS) + " (unix-time is integer seconds, as Customer.io stores dates)");
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
            problem(at, key + " must be a number, e.g. '" + key + ": 0'; it is " + describe(value));
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
            problem(at, "pattern must be a regular expression in quotes; it is " + describe(value));
            break;
          }
          try {
            Pattern.compile(value.asText());
            pattern = value.asText();
          } catch (PatternSyntaxException e) {
            problem(at, "pattern is not a valid Java regular expression: " + e.getDescription() + " near index "
                + e.getIndex() + " of " + value.asText() + "; fix the expression (in YAML, quote it and double "
                + "each backslash inside double quotes)");
          }
          break;
        case "$ref":
          if (value.isTextual() && value.asText().startsWith(REF_PREFIX)
              && value.asText().length() > REF_PREFIX.length()) {
            ref = value.asText();
            refs.add(new RefUse(at, ref.substring(REF_PREFIX.length()), currentDef));
          } else {
            eventsWithoutSchema.add(path); // its type is unknown; do not also complain that it is not an object
            problem(at, "$ref must have the form \"" + REF_PREFIX + "<name>\" (a definition under the top-level "
                + "$defs; quote it in YAML); it is " + describe(value));
          }
          break;
        case "description":
          if (value.isTextual() || value.isNull()) {
            description = value.textValue();
          } else {
            problem(at, "description must be text; it is " + describe(value) + ". Quote it");
          }
          break;
        case "normalize":
          normalize(value, at, normalize);
          break;
        case "$defs":
          problem(at, "$defs is allowed only at the top level of the plan; move these definitions there and refer "
              + "to them as " + REF_PREFIX + "<name>");
          break;
        default:
          unknownKeyword(at, key);
          break;
      }
    }

    // Rules between keywords.
    if (ref != null) {
      for (Map.Entry<String, JsonNode> field : fields) {
        if (!field.getKey().equals("$ref") && !field.getKey().equals("description")) {
          problem(LocatedTree.child(path, field.getKey()), "'" + field.getKey() + "' next to $ref is not "
              + "supported (only description may stand beside $ref); move it into the definition " + ref
              + ", or drop the $ref");
        }
      }
    }
    if (!properties.isEmpty() && Boolean.FALSE.equals(additional)) {
      for (int i = 0; i < required.size(); i++) {
        String r = required.get(i);
        if (!properties.containsKey(r)) {
          problem(path + ".required[" + indexIn(node.get("required"), r) + "]", "required names '" + r
              + "', which is not among the properties" + Names.didYouMean(r, properties.keySet())
              + "; declare it under properties or remove it from required (additionalProperties is false)");
        }
      }
    }
    if (!types.isEmpty()) {
      applies(node, path, types, EnumSet.of(JsonType.OBJECT), "object",
          "properties", "required", "additionalProperties");
      applies(node, path, types, EnumSet.of(JsonType.ARRAY), "array", "items", "minItems", "maxItems");
      applies(node, path, types, EnumSet.of(JsonType.STRING), "string", "minLength", "maxLength", "pattern",
          "normalize");
      applies(node, path, types, EnumSet.of(JsonType.INTEGER, JsonType.NUMBER), "integer or number",
          "minimum", "maximum");
      if (format != null) {
        boolean numeric = format.equals("unix-time");
        Set<JsonType> fits = numeric ? EnumSet.of(JsonType.INTEGER, JsonType.NUMBER) : EnumSet.of(JsonType.STRING);
        if (Collections.disjoint(types, fits)) {
          problem(LocatedTree.child(path, "format"), "format " + format + " applies to "
              + (numeric ? "integer" : "string") + " values, but the type is " + typeNames(types) + "; "
              + (numeric ? "use 'type: integer' for unix seconds, or format date-time with type string"
                  : "use 'type: string', or format unix-time for integer seconds"));
        }
      }
      if (enumValues != null) {
        for (int i = 0; i < enumValues.size(); i++) {
          JsonType t = typeOf(enumValues.get(i));
          if (!fits(t, types)) {
            problem(path + ".enum[" + i + "]", "enum value " + render(enumValues.get(i)) + " is " + t.keyword()
                + ", which type " + typeNames(types) + " does not allow; fix the value or the type");
          }
        }
      }
      if (hasConst && !fits(typeOf(constValue), types)) {
        problem(LocatedTree.child(path, "const"), "const " + render(constValue) + " is "
            + typeOf(constValue).keyword() + ", which type " + typeNames(types) + " does not allow; fix the value "
            + "or the type");
      }
    }
    if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
      problem(LocatedTree.child(path, "minimum"), "minimum " + minimum.toPlainString() + " is greater than maximum "
          + maximum.toPlainString() + "; no value could pass: swap or fix them");
    }
    if (minLength != null && maxLength != null && minLength > maxLength) {
      problem(LocatedTree.child(path, "minLength"), "minLength " + minLength + " is greater than maxLength "
          + maxLength + "; no value could pass: swap or fix them");
    }
    if (minItems != null && maxItems != null && minItems > maxItems) {
      problem(LocatedTree.child(path, "minItems"), "minItems " + minItems + " is greater than maxItems " + maxItems
          + "; no value could pass: swap or fix them");
    }
    if (!normalize.isEmpty() && enumValues != null) {
      for (int i = 0; i < enumValues.size(); i++) {
        if (enumValues.get(i) instanceof String v && !Normalization.applyAll(normalize, v).equals(v)) {
          problem(path + ".enum[" + i + "]", "enum value '" + v + "' is not in normal form: normalize turns every "
              + "value into '" + Normalization.applyAll(normalize, v) + "' before the check, so '" + v
              + "' could never pass; write it as '" + Normalization.applyAll(normalize, v) + "'");
        }
      }
    }
    return new Schema(types, properties, required, additional, items, enumValues, hasConst, constValue, format,
        minimum, maximum, minLength, maxLength, pattern, minItems, maxItems, ref, description, path, normalize);
  }

  private static final List<String> NORMALIZATIONS =
      java.util.Arrays.stream(Normalization.values()).map(Normalization::key).toList();

  private void normalize(JsonNode value, String at, List<Normalization> out) {
    if (!value.isArray() || value.isEmpty()) {
      problem(at, "normalize must be a non-empty list of steps, e.g. [trim, lowercase]; steps are "
          + String.join(", ", NORMALIZATIONS) + "; it is " + describe(value));
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode v = value.get(i);
      Normalization n = v.isTextual() ? Normalization.ofKey(v.asText()) : null;
      if (n == null) {
        String hint = v.isTextual() ? Names.didYouMean(v.asText(), NORMALIZATIONS) : "";
        problem(at + "[" + i + "]", "unknown normalize step " + (v.isTextual() ? "'" + v.asText() + "'"
            : describe(v)) + hint + "; steps are " + String.join(", ", NORMALIZATIONS));
      } else if (out.contains(n)) {
        problem(at + "[" + i + "]", "normalize step '" + n.key() + "' is listed twice; remove one");
      } else {
        out.add(n);
      }
    }
    if (out.contains(Normalization.LOWERCASE) && out.contains(Normalization.UPPERCASE)) {
      problem(at, "normalize has both lowercase and uppercase; keep the one your segments use");
    }
  }

  private static int indexIn(JsonNode array, String value) {
    for (int i = 0; i < array.size(); i++) {
      if (value.equals(array.get(i).asText())) {
        return i;
      }
    }
    return 0;
  }

  private void applies(JsonNode node, String path, Set<JsonType> types, Set<JsonType> fits, String fitsName,
      String... keywords) {
    if (!Collections.disjoint(types, fits)) {
      return;
    }
    for (String keyword : keywords) {
      if (node.has(keyword)) {
        problem(LocatedTree.child(path, keyword), keyword + " applies to " + fitsName + " values, but the type is "
            + typeNames(types) + "; remove " + keyword + " or fix the type");
      }
    }
  }

  private void unknownKeyword(String at, String key) {
    String close = Names.closest(key, KEYWORDS);
    String message;
    if (close != null) {
      message = "unknown keyword '" + key + "' (did you mean '" + close + "'?)";
    } else if (UNSUPPORTED_JSON_SCHEMA.contains(key)) {
      message = "'" + key + "' is a JSON Schema keyword Trackweave does not support";
    } else if (Names.isSnakeCase(key)) {
      message = "unknown keyword '" + key + "' (a property? declare properties under 'properties:')";
    } else {
      message = "unknown keyword '" + key + "'";
    }
    problem(at, message + "; a schema may use only " + String.join(", ", KEYWORDS));
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
          problem(vAt, "type names are text; this one is " + describe(v)
              + (v.isNull() ? ". Quote it: \"null\"" : ""));
          continue;
        }
        JsonType t = type(v.asText(), vAt);
        if (t != null && !types.add(t)) {
          problem(vAt, "type " + t.keyword() + " is listed twice; remove one");
        }
      }
    } else {
      problem(at, "type must be a type name or a non-empty list of them, e.g. string or [string, \"null\"]; it is "
          + describe(value) + (value.isNull() ? ". Quote null: \"null\"" : ""));
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
      String hint = alias != null ? " (did you mean '" + alias + "'?)" : Names.didYouMean(name, names);
      problem(at, "unknown type '" + name + "'" + hint + "; types are " + String.join(", ", names));
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
    problem(at, key + " must be a whole number, 0 or more, e.g. '" + key + ": 1'; it is " + describe(value));
    return null;
  }

  // ---- values ----------------------------------------------------------------------------------------------

  /** A scalar node as the model holds it: String, Long, BigDecimal, Boolean or null. */
  static Object plainValue(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : new BigDecimal(v.bigIntegerValue());
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    return null;
  }

  private static JsonType typeOf(Object value) {
    if (value == null) {
      return JsonType.NULL;
    }
    if (value instanceof String) {
      return JsonType.STRING;
    }
    if (value instanceof Boolean) {
      return JsonType.BOOLEAN;
    }
    if (value instanceof Long) {
      return JsonType.INTEGER;
    }
    BigDecimal d = (BigDecimal) value;
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? JsonType.INTEGER : JsonType.NUMBER;
  }

  private static boolean fits(JsonType valueType, Set<JsonType> types) {
    return types.contains(valueType) || (valueType == JsonType.INTEGER && types.contains(JsonType.NUMBER));
  }

  private static String render(Object value) {
    if (value instanceof String) {
      return "'" + value + "'";
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    return String.valueOf(value);
  }

  static String typeNames(Set<JsonType> types) {
    List<String> names = new ArrayList<>();
    for (JsonType t : JsonType.values()) {
      if (types.contains(t)) {
        names.add(t.keyword());
      }
    }
    return names.size() == 1 ? names.get(0) : names.toString();
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      String t = node.asText();
      return "the text '" + (t.length() > 60 ? t.substring(0, 57) + "..." : t) + "'";
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asText();
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }
}
