package io.trackweave.processor.write;

import io.trackweave.plan.EventDefinition;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.MethodModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The code-to-journey map: every event and attribute of the plan (and of the code), the class#method where it
 * fires, and its properties. Rendered as JSON for tools and Markdown for people; sorted, so two builds of the
 * same sources write the same bytes.
 */
public final class Catalog {
  private final TrackingPlan plan;
  private final List<MapperSpec> specs;

  /** @param plan the plan, or null */
  public Catalog(TrackingPlan plan, List<MapperSpec> specs) {
    this.plan = plan;
    this.specs = new ArrayList<>(specs);
    this.specs.sort(Comparator.comparing((MapperSpec s) -> s.model().where())
        .thenComparing(s -> s.model().descriptor()));
  }

  private record Fire(String where, String on, String mapper, List<Write> properties, boolean updateOnly) {}

  private Map<String, List<Fire>> events() {
    Map<String, List<Fire>> events = new TreeMap<>();
    if (plan != null) {
      plan.events().keySet().forEach(name -> events.put(name, new ArrayList<>()));
    }
    for (MapperSpec s : specs) {
      MethodModel m = s.model();
      if (m.tracks()) {
        events.computeIfAbsent(m.event(), k -> new ArrayList<>())
            .add(new Fire(m.where(), m.trackFire().name(), m.mapperBinaryName(), s.properties(), false));
      }
    }
    return events;
  }

  private Map<String, List<Fire>> attributes() {
    Map<String, List<Fire>> attributes = new TreeMap<>();
    if (plan != null) {
      plan.attributes().keySet().forEach(name -> attributes.put(name, new ArrayList<>()));
    }
    for (MapperSpec s : specs) {
      MethodModel m = s.model();
      for (Write w : s.attributes()) {
        attributes.computeIfAbsent(w.name(), k -> new ArrayList<>())
            .add(new Fire(m.where(), m.identifyFire().name(), m.mapperBinaryName(), List.of(), m.updateOnly()));
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
        for (Write w : f.properties()) {
          out.append(firstProperty ? "\n" : ",\n");
          firstProperty = false;
          out.append("            {\"name\": ").append(str(w.name()))
              .append(", \"type\": ").append(str(w.node().json()))
              .append(", \"required\": ").append(w.required())
              .append(", \"java\": ").append(str(w.binding().type().toString()))
              .append(", \"from\": ").append(str(w.binding().describe())).append("}");
        }
        out.append(firstProperty ? "]\n" : "\n          ]\n").append("        }");
      }
      out.append(firstFire ? "]\n" : "\n      ]\n").append("    }");
    }
    out.append(firstEvent ? "],\n" : "\n  ],\n");
    out.append("  \"identifies\": [");
    boolean firstIdentify = true;
    for (MapperSpec s : specs) {
      MethodModel m = s.model();
      if (!m.identifies()) {
        continue;
      }
      out.append(firstIdentify ? "\n" : ",\n");
      firstIdentify = false;
      out.append("    {\"where\": ").append(str(m.where()))
          .append(", \"on\": ").append(str(m.identifyFire().name()))
          .append(", \"update_only\": ").append(m.updateOnly())
          .append(", \"mapper\": ").append(str(m.mapperBinaryName()))
          .append(", \"attributes\": [");
      boolean firstAttribute = true;
      for (Write w : s.attributes()) {
        out.append(firstAttribute ? "" : ", ");
        firstAttribute = false;
        out.append("{\"name\": ").append(str(w.name())).append(", \"type\": ").append(str(w.node().json()))
            .append(", \"from\": ").append(str(w.binding().describe())).append("}");
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
    out.append(firstAttribute ? "]\n" : "\n  ]\n");
    return out.append("}\n").toString();
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
        for (Write w : f.properties()) {
          out.append("| ").append(w.name()).append(" | ").append(w.node().json()).append(" | ")
              .append(w.required() ? "yes" : "no").append(" | ").append(w.binding().describe()).append(" |\n");
        }
        out.append('\n');
      }
    }
    out.append("## Identifies\n\n");
    boolean anyIdentify = false;
    for (MapperSpec s : specs) {
      MethodModel m = s.model();
      if (!m.identifies()) {
        continue;
      }
      anyIdentify = true;
      List<String> names = new ArrayList<>();
      for (Write w : s.attributes()) {
        names.add("`" + w.name() + "`");
      }
      out.append("- `").append(m.where()).append("` on ").append(m.identifyFire())
          .append(m.updateOnly() ? ", update only" : "").append(": ")
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
    return out.toString();
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
