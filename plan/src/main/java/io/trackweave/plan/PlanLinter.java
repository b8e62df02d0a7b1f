package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a plan's tree into the model and checks every plan-level rule of tracking-plan.md on the way, collecting
 * every problem rather than stopping at the first. Each problem names the key and says how to fix it. This class
 * reads the top level and its sections, one method per section; a schema is read by {@link SchemaLinter}, the
 * {@code $ref}s are checked by {@link RefGraph}, segments and journeys by {@link JourneyLinter}, object types by
 * {@link ObjectTypesLinter}.
 */
final class PlanLinter {
  static final List<String> TOP_LEVEL_KEYS = List.of("plan", "version", "identifier", "attributes", "events", "$defs",
      "segments", "journeys", "objects");
  static final List<String> EVENT_KEYS = List.of("description", "dedupe", "schema");
  static final List<String> IDENTIFIERS = List.of("id", "email", "cio_id");

  private static final Pattern DEF_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final String source;
  private final PlanProblems problems;
  private final RefGraph refs;
  private final SchemaLinter schemas;
  /** Events (by name) that have no schema, so that nothing more is said about their shape. */
  private final Set<String> eventsWithoutSchema = new HashSet<>();

  PlanLinter(String source, LocatedTree tree, List<PlanProblem> problems) {
    this.source = source;
    this.problems = new PlanProblems(source, tree, problems);
    this.refs = new RefGraph(this.problems);
    this.schemas = new SchemaLinter(this.problems, refs);
  }

  /** The plan, or null when the root is unusable; problems are in the list either way. */
  TrackingPlan lint(JsonNode root) {
    if (root == null) {
      return null;
    }
    if (!root.isObject()) {
      problems.report("", PlanMessage.ROOT_NOT_MAPPING, PlanMessage.describe(root));
      return null;
    }
    topLevelKeys(root);
    String name = planName(root.get("plan"));
    int version = version(root.get("version"));
    String identifier = identifier(root.get("identifier"));
    Map<String, Schema> defs = defs(root.get("$defs"));
    Map<String, Schema> attributes = attributes(root.get("attributes"));
    Map<String, EventDefinition> events = events(root);
    Map<String, ObjectType> objects = new ObjectTypesLinter(problems, schemas).objects(root.get("objects"));

    boolean refsResolve = refs.check(defs);
    for (EventDefinition event : events.values()) {
      checkEventSchema(event, defs); // skips what a broken reference hides; that reference is reported already
    }
    JourneyLinter journeys = new JourneyLinter(problems, attributes, events,
        schema -> refsResolve ? RefGraph.resolve(schema, defs) : null);
    Map<String, Segment> segments = journeys.segments(root.get("segments"));
    Map<String, Journey> journeyMap = journeys.journeys(root.get("journeys"), segments);
    if (name == null || version <= 0 || identifier == null) {
      return null;
    }
    return new TrackingPlan(name, version, identifier, attributes, events, defs, source, segments, journeyMap,
        objects);
  }

  // ---- top level -------------------------------------------------------------------------------------------

  private void topLevelKeys(JsonNode root) {
    root.fieldNames().forEachRemaining(key -> {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        problems.report(key, PlanMessage.UNKNOWN_TOP_LEVEL_KEY, key, PlanMessage.didYouMean(key, TOP_LEVEL_KEYS),
            String.join(", ", TOP_LEVEL_KEYS));
      }
    });
  }

  private String planName(JsonNode node) {
    if (node == null) {
      problems.report("", PlanMessage.MISSING_PLAN);
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.report("plan", PlanMessage.BAD_PLAN, PlanMessage.describe(node));
      return null;
    }
    return node.asText();
  }

  private int version(JsonNode node) {
    if (node == null) {
      problems.report("", PlanMessage.MISSING_VERSION);
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
      problems.report("version", PlanMessage.BAD_VERSION, PlanMessage.describe(node));
      return 0;
    }
    return node.intValue();
  }

  private String identifier(JsonNode node) {
    if (node == null) {
      problems.report("", PlanMessage.MISSING_IDENTIFIER);
      return null;
    }
    if (!node.isTextual() || !IDENTIFIERS.contains(node.asText())) {
      String hint = node.isTextual() ? PlanMessage.didYouMean(node.asText(), IDENTIFIERS) : "";
      problems.report("identifier", PlanMessage.BAD_IDENTIFIER, PlanMessage.describe(node), hint);
      return null;
    }
    return node.asText();
  }

  private Map<String, Schema> defs(JsonNode node) {
    Map<String, Schema> defs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : problems.entries(node, "$defs", PlanMessage.DEFS_NOT_MAPPING)) {
      String path = LocatedTree.child("$defs", e.getKey());
      if (!DEF_NAME.matcher(e.getKey()).matches()) {
        problems.report(path, PlanMessage.BAD_DEF_NAME, e.getKey(), e.getKey(),
            Names.toSnakeCase(e.getKey()));
      }
      defs.put(e.getKey(), schemas.definition(e.getKey(), e.getValue(), path));
    }
    return defs;
  }

  private Map<String, Schema> attributes(JsonNode node) {
    Map<String, Schema> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : problems.entries(node, "attributes", PlanMessage.ATTRIBUTES_NOT_MAPPING)) {
      String path = LocatedTree.child("attributes", e.getKey());
      problems.snakeCase(path, e.getKey(), "attribute", true);
      attributes.put(e.getKey(), schemas.schema(e.getValue(), path));
    }
    return attributes;
  }

  // ---- events ----------------------------------------------------------------------------------------------

  private Map<String, EventDefinition> events(JsonNode root) {
    Map<String, EventDefinition> events = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : problems.entries(root.get("events"), "events",
        PlanMessage.EVENTS_NOT_MAPPING)) {
      String path = LocatedTree.child("events", e.getKey());
      problems.snakeCase(path, e.getKey(), "event", true);
      EventDefinition event = event(e.getKey(), e.getValue(), path);
      if (event != null) {
        events.put(e.getKey(), event);
      }
    }
    if (!root.has("events")) {
      problems.report("", PlanMessage.NO_EVENTS);
    }
    return events;
  }

  private EventDefinition event(String name, JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problems.report(path, PlanMessage.EVENT_NOT_MAPPING, name, PlanMessage.describe(node), name);
      return null;
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!EVENT_KEYS.contains(key)) {
        String hint = SchemaLinter.KEYWORDS.contains(key) ? PlanMessage.Part.SCHEMA_KEYWORD_IN_EVENT.text(path)
            : PlanMessage.didYouMean(key, EVENT_KEYS);
        problems.report(LocatedTree.child(path, key), PlanMessage.UNKNOWN_EVENT_KEY, key, hint);
      }
    });
    String description = null;
    JsonNode d = node.get("description");
    if (d != null && !d.isNull()) {
      if (d.isTextual()) {
        description = d.asText();
      } else {
        problems.report(LocatedTree.child(path, "description"), PlanMessage.DESCRIPTION_NOT_TEXT,
            PlanMessage.describe(d));
      }
    }
    String dedupe = null;
    JsonNode dd = node.get("dedupe");
    if (dd != null && !dd.isNull()) {
      if (dd.isTextual() && !dd.asText().isEmpty()) {
        dedupe = dd.asText();
      } else {
        problems.report(LocatedTree.child(path, "dedupe"), PlanMessage.BAD_DEDUPE, PlanMessage.describe(dd));
      }
    }
    JsonNode s = node.get("schema");
    String schemaPath = LocatedTree.child(path, "schema");
    Schema schema;
    if (s == null || s.isNull()) {
      problems.report(path, PlanMessage.EVENT_WITHOUT_SCHEMA, name);
      schema = SchemaLinter.emptySchema(schemaPath);
      eventsWithoutSchema.add(name);
    } else {
      schema = schemas.schema(s, schemaPath);
    }
    return new EventDefinition(name, description, dedupe, schema);
  }

  /** Runs after references are known to resolve without cycles. */
  private void checkEventSchema(EventDefinition event, Map<String, Schema> defs) {
    String path = LocatedTree.child("events", event.name());
    Schema schema = RefGraph.resolve(event.schema(), defs);
    if (schema == null || eventsWithoutSchema.contains(event.name())
        || schemas.shapeUnknown(event.schema().pointer())) {
      return;
    }
    if (!schema.types().equals(Set.of(JsonType.OBJECT))) {
      String where = event.schema().ref() != null ? PlanMessage.Part.VIA_REF.text(event.schema().ref()) : "";
      problems.report(LocatedTree.child(path, "schema"), PlanMessage.EVENT_SCHEMA_NOT_OBJECT, where,
          schema.types().isEmpty() ? PlanMessage.Part.UNTYPED.text()
              : PlanMessage.Part.OF_TYPE.text(JsonValues.typeNames(schema.types())));
    }
    String dedupe = event.dedupe();
    if (dedupe == null) {
      return;
    }
    String dedupePath = LocatedTree.child(path, "dedupe");
    Schema property = schema.properties().get(dedupe);
    if (property == null) {
      problems.report(dedupePath, PlanMessage.DEDUPE_NOT_A_PROPERTY, dedupe, event.name(),
          PlanMessage.didYouMean(dedupe, schema.properties().keySet()));
      return;
    }
    if (!schema.required().contains(dedupe)) {
      problems.report(dedupePath, PlanMessage.DEDUPE_NOT_REQUIRED, dedupe);
    }
    Schema resolved = RefGraph.resolve(property, defs);
    Set<JsonType> types = resolved == null ? Set.of() : resolved.types();
    if (types.isEmpty() || !EnumSet.of(JsonType.STRING, JsonType.INTEGER).containsAll(types)) {
      problems.report(dedupePath, PlanMessage.DEDUPE_TYPE, dedupe,
          types.isEmpty() ? PlanMessage.Part.UNTYPED.text() : JsonValues.typeNames(types));
    }
  }
}
