package io.trackweave.processor.write;

import io.trackweave.plan.EventDefinition;
import io.trackweave.plan.Journey;
import io.trackweave.plan.ObjectType;
import io.trackweave.plan.Schema;
import io.trackweave.plan.Segment;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.write.Catalog.Attribute;
import io.trackweave.processor.write.Catalog.Entry;
import io.trackweave.processor.write.Catalog.Fire;
import io.trackweave.processor.write.Catalog.Identify;
import io.trackweave.processor.write.Catalog.Property;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Catalog} as {@code catalog.json}. Written by hand rather than through a JSON library so the
 * layout is fixed to the byte (one event, fire and property per line, keys in a stable order): reviewers diff it,
 * and a full and an incremental build must write the same file. {@link PreviousCatalog} reads it back.
 */
final class CatalogJson {
  private final Catalog catalog;
  private final TrackingPlan plan;

  CatalogJson(Catalog catalog) {
    this.catalog = catalog;
    this.plan = catalog.plan();
  }

  String render() {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"plan\": ").append(plan == null ? "null" : str(plan.name())).append(",\n");
    out.append("  \"version\": ").append(plan == null ? "null" : plan.version()).append(",\n");
    out.append("  \"identifier\": ").append(str(plan == null ? "id" : plan.identifier())).append(",\n");
    out.append("  \"events\": [");
    boolean firstEvent = true;
    for (Map.Entry<String, List<Fire>> e : catalog.events().entrySet()) {
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
    for (Entry e : catalog.entries()) {
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
    for (Map.Entry<String, List<Fire>> e : catalog.attributes().entrySet()) {
      Schema schema = plan == null ? null : plan.attributes().get(e.getKey());
      out.append(firstAttribute ? "\n" : ",\n");
      firstAttribute = false;
      out.append("    {\"name\": ").append(str(e.getKey()))
          .append(", \"type\": ").append(str(schema == null ? null : Catalog.types(schema)))
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
    for (Map.Entry<String, List<Entry>> e : catalog.objects().entrySet()) {
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
    Map<String, List<Fire>> events = catalog.events();
    Map<String, List<Fire>> attributes = catalog.attributes();
    for (Journey j : catalog.journeys()) {
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
        for (String attribute : Catalog.segmentAttributes(segment)) {
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
          .append(str(Catalog.types(plan.resolve(e.getValue())))).append("}");
      first = false;
    }
    out.append(']');
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
