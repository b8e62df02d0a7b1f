package io.trackweave.processor.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.plan.EventDefinition;
import io.trackweave.plan.Journey;
import io.trackweave.plan.ObjectType;
import io.trackweave.plan.Schema;
import io.trackweave.plan.Segment;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ObjectSpec;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.MethodModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The code-to-journey map: every event and attribute of the plan (and of the code), the class#method where it
 * fires, and its properties. Rendered as JSON for tools and Markdown for people; sorted, so two builds of the
 * same sources write the same bytes.
 *
 * <p>It is built from {@link Entry}s, one per annotated method: fresh ones from this compilation's
 * {@link MapperSpec}s, and ones {@link #retained kept} from the previous catalog for classes an incremental
 * compilation did not recompile.
 */
public final class Catalog {
  private final TrackingPlan plan;
  private final List<Entry> entries;

  /** One annotated method, as the catalog shows it. */
  public record Entry(String where, String descriptor, String mapper, Track track, Identify identify,
      ObjectWrite object) {
    public Entry(String where, String descriptor, String mapper, Track track, Identify identify) {
      this(where, descriptor, mapper, track, identify, null);
    }

    static Entry of(MapperSpec s) {
      MethodModel m = s.model();
      Track track = null;
      if (m.tracks()) {
        List<Property> properties = new ArrayList<>();
        for (Write w : s.properties()) {
          properties.add(new Property(w.name(), w.node().json(), w.required(), w.binding().type().toString(),
              w.binding().describe()));
        }
        track = new Track(m.event(), m.trackFire().name(), properties);
      }
      Identify identify = null;
      if (m.identifies()) {
        List<Attribute> attributes = new ArrayList<>();
        for (Write w : s.attributes()) {
          attributes.add(new Attribute(w.name(), w.node().json(), w.binding().describe()));
        }
        identify = new Identify(m.identifyFire().name(), m.updateOnly(), attributes);
      }
      ObjectWrite object = null;
      if (s.object() != null) {
        ObjectSpec o = s.object();
        object = new ObjectWrite(o.type().name(), o.action().kind().name().toLowerCase(java.util.Locale.ROOT),
            o.action().relate(), attributes(o.attributes()), attributes(o.relationship()));
      }
      return new Entry(m.where(), m.descriptor(), m.mapperBinaryName(), track, identify, object);
    }

    private static List<Attribute> attributes(List<Write> writes) {
      List<Attribute> out = new ArrayList<>();
      for (Write w : writes) {
        out.add(new Attribute(w.name(), w.node().json(), w.binding().describe()));
      }
      return out;
    }
  }

  /**
   * What the method does to an object: {@code action} is {@code identify} or {@code delete}; with
   * {@code relate} the person is related to it, with the {@code relationship} attributes.
   */
  public record ObjectWrite(String type, String action, boolean relate, List<Attribute> attributes,
      List<Attribute> relationship) {}

  /** What the method tracks; {@code on} is the {@code Fire} name. */
  public record Track(String event, String on, List<Property> properties) {}

  public record Property(String name, String type, boolean required, String java, String from) {}

  /** What the method identifies; {@code on} is the {@code Fire} name. */
  public record Identify(String on, boolean updateOnly, List<Attribute> attributes) {}

  public record Attribute(String name, String type, String from) {}

  /** @param plan the plan, or null */
  public Catalog(TrackingPlan plan, List<MapperSpec> specs) {
    this(plan, specs, List.of());
  }

  /**
   * @param plan the plan, or null
   * @param retained entries of methods not compiled this time (see {@link #retained}); a fresh spec for the
   *     same mapper wins
   */
  public Catalog(TrackingPlan plan, List<MapperSpec> specs, List<Entry> retained) {
    this.plan = plan;
    Map<String, Entry> byMapper = new TreeMap<>();
    retained.forEach(e -> byMapper.put(e.mapper(), e));
    specs.forEach(s -> byMapper.put(s.model().mapperBinaryName(), Entry.of(s)));
    this.entries = new ArrayList<>(byMapper.values());
    this.entries.sort(Comparator.comparing(Entry::where).thenComparing(Entry::descriptor)
        .thenComparing(Entry::mapper));
  }

  /**
   * The entries of a previous {@link #json()} whose mapper is a key of {@code descriptors} (mapper binary
   * name to method descriptor, from the index lines being kept). Unreadable text gives no entries: the
   * catalog is documentation, and the next full build rewrites it.
   */
  public static List<Entry> retained(String previousJson, Map<String, String> descriptors) {
    if (previousJson == null || descriptors.isEmpty()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(previousJson);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    if (root == null || !root.isObject()) {
      return List.of();
    }
    Map<String, String> where = new TreeMap<>();
    Map<String, Track> tracks = new TreeMap<>();
    Map<String, Identify> identifies = new TreeMap<>();
    for (JsonNode event : root.path("events")) {
      for (JsonNode fire : event.path("fires")) {
        String mapper = fire.path("mapper").asText(null);
        if (mapper == null || !descriptors.containsKey(mapper)) {
          continue;
        }
        List<Property> properties = new ArrayList<>();
        for (JsonNode p : fire.path("properties")) {
          properties.add(new Property(p.path("name").asText(""), p.path("type").asText(null),
              p.path("required").asBoolean(false), p.path("java").asText(null), p.path("from").asText(null)));
        }
        where.put(mapper, fire.path("where").asText(""));
        tracks.put(mapper, new Track(event.path("name").asText(""), fire.path("on").asText(""), properties));
      }
    }
    for (JsonNode identify : root.path("identifies")) {
      String mapper = identify.path("mapper").asText(null);
      if (mapper == null || !descriptors.containsKey(mapper)) {
        continue;
      }
      List<Attribute> attributes = new ArrayList<>();
      for (JsonNode a : identify.path("attributes")) {
        attributes.add(new Attribute(a.path("name").asText(""), a.path("type").asText(null), a.path("from").asText(null)));
      }
      where.put(mapper, identify.path("where").asText(""));
      identifies.put(mapper, new Identify(identify.path("on").asText(""), identify.path("update_only").asBoolean(false),
          attributes));
    }
    Map<String, ObjectWrite> objects = new TreeMap<>();
    for (JsonNode type : root.path("objects")) {
      for (JsonNode write : type.path("written_by")) {
        String mapper = write.path("mapper").asText(null);
        if (mapper == null || !descriptors.containsKey(mapper)) {
          continue;
        }
        where.put(mapper, write.path("where").asText(""));
        objects.put(mapper, new ObjectWrite(type.path("name").asText(""), write.path("action").asText(""),
            write.path("relate").asBoolean(false), attributes(write.path("attributes")),
            attributes(write.path("relationship"))));
      }
    }
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, String> e : where.entrySet()) {
      String mapper = e.getKey();
      out.add(new Entry(e.getValue(), descriptors.get(mapper), mapper, tracks.get(mapper), identifies.get(mapper),
          objects.get(mapper)));
    }
    return out;
  }

  private static List<Attribute> attributes(JsonNode array) {
    List<Attribute> out = new ArrayList<>();
    for (JsonNode a : array) {
      out.add(new Attribute(a.path("name").asText(""), a.path("type").asText(null), a.path("from").asText(null)));
    }
    return out;
  }

  private record Fire(String where, String on, String mapper, List<Property> properties, boolean updateOnly) {}

  /** Every object type of the plan (and of the code), with the entries that write it, in name order. */
  private Map<String, List<Entry>> objects() {
    Map<String, List<Entry>> objects = new TreeMap<>();
    if (plan != null) {
      plan.objects().keySet().forEach(name -> objects.put(name, new ArrayList<>()));
    }
    for (Entry e : entries) {
      if (e.object() != null) {
        objects.computeIfAbsent(e.object().type(), k -> new ArrayList<>()).add(e);
      }
    }
    return objects;
  }

  private static void attributesJson(StringBuilder out, List<Attribute> attributes) {
    out.append('[');
    for (int i = 0; i < attributes.size(); i++) {
      Attribute a = attributes.get(i);
      out.append(i == 0 ? "" : ", ").append("{\"name\": ").append(str(a.name())).append(", \"type\": ")
          .append(str(a.type())).append(", \"from\": ").append(str(a.from())).append("}");
    }
    out.append(']');
  }

  private void schemasJson(StringBuilder out, Map<String, Schema> schemas) {
    out.append('[');
    boolean first = true;
    for (Map.Entry<String, Schema> e : schemas.entrySet()) {
      out.append(first ? "" : ", ").append("{\"name\": ").append(str(e.getKey())).append(", \"type\": ")
          .append(str(types(plan.resolve(e.getValue())))).append("}");
      first = false;
    }
    out.append(']');
  }

  private Map<String, List<Fire>> events() {
    Map<String, List<Fire>> events = new TreeMap<>();
    if (plan != null) {
      plan.events().keySet().forEach(name -> events.put(name, new ArrayList<>()));
    }
    for (Entry e : entries) {
      if (e.track() != null) {
        events.computeIfAbsent(e.track().event(), k -> new ArrayList<>())
            .add(new Fire(e.where(), e.track().on(), e.mapper(), e.track().properties(), false));
      }
    }
    return events;
  }

  private Map<String, List<Fire>> attributes() {
    Map<String, List<Fire>> attributes = new TreeMap<>();
    if (plan != null) {
      plan.attributes().keySet().forEach(name -> attributes.put(name, new ArrayList<>()));
    }
    for (Entry e : entries) {
      if (e.identify() == null) {
        continue;
      }
      for (Attribute a : e.identify().attributes()) {
        attributes.computeIfAbsent(a.name(), k -> new ArrayList<>())
            .add(new Fire(e.where(), e.identify().on(), e.mapper(), List.of(), e.identify().updateOnly()));
      }
    }
    return attributes;
  }

  public String json() {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"plan\": ").append(plan == null ? "null" : str(plan.name())).append(",\n");
    out.append("  \"version\": ").append(plan == null ? "null" : plan.version()).append(",\n");
    out.append("  \"identifier\": ").append(str(plan == null ? "id" : plan.identifier())).append(",\n");
    out.append("  \"events\": [");
    boolean firstEvent = true;
    for (Map.Entry<String, List<Fire>> e : events().entrySet()) {
      EventDefinition def = plan == null ? null : plan.event(e.getKey());
      out.append(firstEvent ? "\n" : ",\n");
      firstEvent = false;
      out.append("    {\n      \"name\": ").append(str(e.getKey())).append(",\n");
      out.append("      \"description\": ").append(str(def == null ? null : def.description())).append(",\n");
      out.append("      \"dedupe\": ").append(str(def == null ? null : def.dedupe())).append(",\n");
      out.append("      \"fires\": [");
      boolean firstFire = true;
      for (Fire f : e.getValue()) {
        out.append(firstFire ? "\n" : ",\n");
        firstFire = false;
        out.append("        {\n          \"where\": ").append(str(f.where())).append(",\n");
        out.append("          \"on\": ").append(str(f.on())).append(",\n");
        out.append("          \"mapper\": ").append(str(f.mapper())).append(",\n");
        out.append("          \"properties\": [");
        boolean firstProperty = true;
        for (Property p : f.properties()) {
          out.append(firstProperty ? "\n" : ",\n");
          firstProperty = false;
          out.append("            {\"name\": ").append(str(p.name()))
              .append(", \"type\": ").append(str(p.type()))
              .append(", \"required\": ").append(p.required())
              .append(", \"java\": ").append(str(p.java()))
              .append(", \"from\": ").append(str(p.from())).append("}");
        }
        out.append(firstProperty ? "]\n" : "\n          ]\n").append("        }");
      }
      out.append(firstFire ? "]\n" : "\n      ]\n").append("    }");
    }
    out.append(firstEvent ? "],\n" : "\n  ],\n");
    out.append("  \"identifies\": [");
    boolean firstIdentify = true;
    for (Entry e : entries) {
      Identify identify = e.identify();
      if (identify == null) {
        continue;
      }
      out.append(firstIdentify ? "\n" : ",\n");
      firstIdentify = false;
      out.append("    {\"where\": ").append(str(e.where()))
          .append(", \"on\": ").append(str(identify.on()))
          .append(", \"update_only\": ").append(identify.updateOnly())
          .append(", \"mapper\": ").append(str(e.mapper()))
          .append(", \"attributes\": [");
      boolean firstAttribute = true;
      for (Attribute a : identify.attributes()) {
        out.append(firstAttribute ? "" : ", ");
        firstAttribute = false;
        out.append("{\"name\": ").append(str(a.name())).append(", \"type\": ").append(str(a.type()))
            .append(", \"from\": ").append(str(a.from())).append("}");
      }
      out.append("]}");
    }
    out.append(firstIdentify ? "],\n" : "\n  ],\n");
    out.append("  \"attributes\": [");
    boolean firstAttribute = true;
    for (Map.Entry<String, List<Fire>> e : attributes().entrySet()) {
      Schema schema = plan == null ? null : plan.attributes().get(e.getKey());
      out.append(firstAttribute ? "\n" : ",\n");
      firstAttribute = false;
      out.append("    {\"name\": ").append(str(e.getKey()))
          .append(", \"type\": ").append(str(schema == null ? null : types(schema)))
          .append(", \"set_by\": [");
      boolean firstSetter = true;
      for (Fire f : e.getValue()) {
        out.append(firstSetter ? "" : ", ");
        firstSetter = false;
        out.append("{\"where\": ").append(str(f.where())).append(", \"update_only\": ").append(f.updateOnly()).append("}");
      }
      out.append("]}");
    }
    out.append(firstAttribute ? "],\n" : "\n  ],\n");
    out.append("  \"objects\": [");
    boolean firstObject = true;
    for (Map.Entry<String, List<Entry>> e : objects().entrySet()) {
      ObjectType type = plan == null ? null : plan.object(e.getKey());
      out.append(firstObject ? "\n" : ",\n");
      firstObject = false;
      out.append("    {\"name\": ").append(str(e.getKey()))
          .append(", \"type_id\": ").append(str(type == null ? null : type.typeId()))
          .append(", \"description\": ").append(str(type == null ? null : type.description()))
          .append(", \"attributes\": ");
      schemasJson(out, type == null ? Map.of() : type.attributes());
      out.append(", \"relationship\": ");
      schemasJson(out, type == null ? Map.of() : type.relationship());
      out.append(", \"written_by\": [");
      boolean firstWrite = true;
      for (Entry w : e.getValue()) {
        out.append(firstWrite ? "\n" : ",\n");
        firstWrite = false;
        out.append("      {\"where\": ").append(str(w.where()))
            .append(", \"action\": ").append(str(w.object().action()))
            .append(", \"relate\": ").append(w.object().relate())
            .append(", \"mapper\": ").append(str(w.mapper()))
            .append(", \"attributes\": ");
        attributesJson(out, w.object().attributes());
        out.append(", \"relationship\": ");
        attributesJson(out, w.object().relationship());
        out.append("}");
      }
      out.append(firstWrite ? "]}" : "\n    ]}");
    }
    out.append(firstObject ? "],\n" : "\n  ],\n");
    out.append("  \"journeys\": [");
    boolean firstJourney = true;
    Map<String, List<Fire>> events = events();
    Map<String, List<Fire>> attributes = attributes();
    for (Journey j : journeys()) {
      out.append(firstJourney ? "\n" : ",\n");
      firstJourney = false;
      out.append("    {\"name\": ").append(str(j.name()))
          .append(", \"trigger\": {\"event\": ").append(str(j.trigger().event()))
          .append(", \"fired_by\": ").append(wheres(events.get(j.trigger().event()))).append("}")
          .append(", \"segment\": ");
      Segment segment = j.segment() == null ? null : plan.segment(j.segment());
      if (segment == null) {
        out.append("null");
      } else {
        out.append("{\"name\": ").append(str(segment.name())).append(", \"attributes\": [");
        boolean firstCondition = true;
        for (String attribute : segmentAttributes(segment)) {
          out.append(firstCondition ? "" : ", ");
          firstCondition = false;
          out.append("{\"name\": ").append(str(attribute)).append(", \"set_by\": ")
              .append(wheres(attributes.get(attribute))).append("}");
        }
        out.append("]}");
      }
      out.append(", \"exits\": [");
      boolean firstExit = true;
      for (String exit : j.exitOn()) {
        out.append(firstExit ? "" : ", ");
        firstExit = false;
        out.append("{\"event\": ").append(str(exit)).append(", \"fired_by\": ").append(wheres(events.get(exit)))
            .append("}");
      }
      out.append("]}");
    }
    out.append(firstJourney ? "]\n" : "\n  ]\n");
    return out.append("}\n").toString();
  }

  /** The plan's journeys, in plan order (none without a plan). */
  private List<Journey> journeys() {
    return plan == null ? List.of() : List.copyOf(plan.journeys().values());
  }

  /** The attributes a segment's conditions read, in order, each once. */
  private static List<String> segmentAttributes(Segment segment) {
    List<String> names = new ArrayList<>();
    for (io.trackweave.plan.Condition c : segment.conditions()) {
      if (!names.contains(c.name())) {
        names.add(c.name());
      }
    }
    return names;
  }

  /** The class#method of each fire, as a JSON array of strings. */
  private static String wheres(List<Fire> fires) {
    StringBuilder out = new StringBuilder("[");
    if (fires != null) {
      for (int i = 0; i < fires.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(str(fires.get(i).where()));
      }
    }
    return out.append(']').toString();
  }

  /** The class#method of each fire, as Markdown code spans, or what to say when there is none. */
  private static String wheresMarkdown(List<Fire> fires, String none) {
    if (fires == null || fires.isEmpty()) {
      return none;
    }
    List<String> names = new ArrayList<>();
    for (Fire f : fires) {
      names.add("`" + f.where() + "`");
    }
    return String.join(", ", names);
  }

  public String markdown() {
    StringBuilder out = new StringBuilder("# Tracking catalog\n\n");
    if (plan == null) {
      out.append("Generated without a tracking plan: nothing was checked.\n\n");
    } else {
      out.append("Tracking plan `").append(plan.name()).append("` version ").append(plan.version())
          .append("; people are identified by `").append(plan.identifier()).append("`.\n\n");
    }
    out.append("## Events\n\n");
    for (Map.Entry<String, List<Fire>> e : events().entrySet()) {
      EventDefinition def = plan == null ? null : plan.event(e.getKey());
      out.append("### ").append(e.getKey()).append("\n\n");
      if (def != null && def.description() != null) {
        out.append(def.description().strip()).append("\n\n");
      }
      if (def != null && def.dedupe() != null) {
        out.append("Deduplicated on `").append(def.dedupe()).append("`.\n\n");
      }
      if (e.getValue().isEmpty()) {
        out.append("Not fired by any annotated method.\n\n");
        continue;
      }
      for (Fire f : e.getValue()) {
        out.append("Fires from `").append(f.where()).append("` on ").append(f.on()).append(".\n\n");
        if (f.properties().isEmpty()) {
          out.append("No properties.\n\n");
          continue;
        }
        out.append("| property | type | required | from |\n| --- | --- | --- | --- |\n");
        for (Property p : f.properties()) {
          out.append("| ").append(p.name()).append(" | ").append(p.type()).append(" | ")
              .append(p.required() ? "yes" : "no").append(" | ").append(p.from()).append(" |\n");
        }
        out.append('\n');
      }
    }
    out.append("## Identifies\n\n");
    boolean anyIdentify = false;
    for (Entry e : entries) {
      Identify identify = e.identify();
      if (identify == null) {
        continue;
      }
      anyIdentify = true;
      List<String> names = new ArrayList<>();
      for (Attribute a : identify.attributes()) {
        names.add("`" + a.name() + "`");
      }
      out.append("- `").append(e.where()).append("` on ").append(identify.on())
          .append(identify.updateOnly() ? ", update only" : "").append(": ")
          .append(names.isEmpty() ? "no attributes" : String.join(", ", names)).append('\n');
    }
    out.append(anyIdentify ? "\n" : "No annotated method identifies people.\n\n");
    out.append("## Attributes\n\n| attribute | type | set by |\n| --- | --- | --- |\n");
    for (Map.Entry<String, List<Fire>> e : attributes().entrySet()) {
      Schema schema = plan == null ? null : plan.attributes().get(e.getKey());
      List<String> setters = new ArrayList<>();
      for (Fire f : e.getValue()) {
        setters.add("`" + f.where() + "`" + (f.updateOnly() ? " (update only)" : ""));
      }
      out.append("| ").append(e.getKey()).append(" | ").append(schema == null ? "" : types(schema)).append(" | ")
          .append(setters.isEmpty() ? "not set by any annotated method" : String.join(", ", setters)).append(" |\n");
    }
    Map<String, List<Entry>> objects = objects();
    if (!objects.isEmpty()) {
      out.append("\n## Objects\n\n");
      for (Map.Entry<String, List<Entry>> e : objects.entrySet()) {
        ObjectType type = plan == null ? null : plan.object(e.getKey());
        out.append("### ").append(e.getKey());
        if (type != null) {
          out.append(" (type_id ").append(type.typeId()).append(')');
        }
        out.append("\n\n");
        if (type != null && type.description() != null) {
          out.append(type.description().strip()).append("\n\n");
        }
        if (e.getValue().isEmpty()) {
          out.append("Not written by any annotated method.\n\n");
          continue;
        }
        for (Entry w : e.getValue()) {
          ObjectWrite o = w.object();
          out.append("- `").append(w.where()).append("` ").append(o.action().equals("delete") ? "deletes" : "identifies")
              .append(" it on RETURN").append(o.relate() ? ", relating the person" : "");
          if (!o.attributes().isEmpty()) {
            out.append("; attributes ").append(names(o.attributes()));
          }
          if (!o.relationship().isEmpty()) {
            out.append("; relationship ").append(names(o.relationship()));
          }
          out.append('\n');
        }
        out.append('\n');
      }
    }
    if (!journeys().isEmpty()) {
      // the documented mapping from code to events to segments to journeys that teams otherwise keep by hand
      Map<String, List<Fire>> events = events();
      Map<String, List<Fire>> attributes = attributes();
      out.append("\n## Journeys\n\n");
      for (Journey j : journeys()) {
        out.append("### ").append(j.name()).append("\n\n");
        if (j.description() != null) {
          out.append(j.description().strip()).append("\n\n");
        }
        out.append("- enters on `").append(j.trigger().event()).append("`, fired by ")
            .append(wheresMarkdown(events.get(j.trigger().event()), "no annotated method")).append('\n');
        Segment segment = j.segment() == null ? null : plan.segment(j.segment());
        if (segment != null) {
          out.append("- only people in segment `").append(segment.name()).append("`");
          for (String attribute : segmentAttributes(segment)) {
            out.append("; `").append(attribute).append("` set by ")
                .append(wheresMarkdown(attributes.get(attribute), "no annotated method"));
          }
          out.append('\n');
        }
        for (String exit : j.exitOn()) {
          out.append("- exits on `").append(exit).append("`, fired by ")
              .append(wheresMarkdown(events.get(exit), "no annotated method")).append('\n');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String names(List<Attribute> attributes) {
    List<String> names = new ArrayList<>();
    for (Attribute a : attributes) {
      names.add("`" + a.name() + "`");
    }
    return String.join(", ", names);
  }

  private static String types(Schema s) {
    List<String> names = new ArrayList<>();
    for (io.trackweave.plan.JsonType t : io.trackweave.plan.JsonType.values()) {
      if (s.types().contains(t)) {
        names.add(t.keyword());
      }
    }
    String type = names.isEmpty() ? "any" : String.join("|", names);
    return s.format() == null ? type : type + " (" + s.format() + ")";
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
