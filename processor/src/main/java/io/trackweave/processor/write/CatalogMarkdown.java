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
import io.trackweave.processor.write.Catalog.ObjectWrite;
import io.trackweave.processor.write.Catalog.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Catalog} as {@code catalog.md}, for people: the same views as {@link CatalogJson} in prose and
 * tables, including the code-to-journey mapping that teams otherwise keep by hand. Nothing reads it back.
 */
final class CatalogMarkdown {
  private final Catalog catalog;
  private final TrackingPlan plan;

  CatalogMarkdown(Catalog catalog) {
    this.catalog = catalog;
    this.plan = catalog.plan();
  }

  String render() {
    StringBuilder out = new StringBuilder("# Tracking catalog\n\n");
    if (plan == null) {
      out.append("Generated without a tracking plan: nothing was checked.\n\n");
    } else {
      out.append("Tracking plan `").append(plan.name()).append("` version ").append(plan.version())
          .append("; people are identified by `").append(plan.identifier()).append("`.\n\n");
    }
    out.append("## Events\n\n");
    for (Map.Entry<String, List<Fire>> e : catalog.events().entrySet()) {
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
    for (Entry e : catalog.entries()) {
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
    for (Map.Entry<String, List<Fire>> e : catalog.attributes().entrySet()) {
      Schema schema = plan == null ? null : plan.attributes().get(e.getKey());
      List<String> setters = new ArrayList<>();
      for (Fire f : e.getValue()) {
        setters.add("`" + f.where() + "`" + (f.updateOnly() ? " (update only)" : ""));
      }
      out.append("| ").append(e.getKey()).append(" | ").append(schema == null ? "" : Catalog.types(schema)).append(" | ")
          .append(setters.isEmpty() ? "not set by any annotated method" : String.join(", ", setters)).append(" |\n");
    }
    Map<String, List<Entry>> objects = catalog.objects();
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
    if (!catalog.journeys().isEmpty()) {
      // the documented mapping from code to events to segments to journeys that teams otherwise keep by hand
      Map<String, List<Fire>> events = catalog.events();
      Map<String, List<Fire>> attributes = catalog.attributes();
      out.append("\n## Journeys\n\n");
      for (Journey j : catalog.journeys()) {
        out.append("### ").append(j.name()).append("\n\n");
        if (j.description() != null) {
          out.append(j.description().strip()).append("\n\n");
        }
        out.append("- enters on `").append(j.trigger().event()).append("`, fired by ")
            .append(wheresMarkdown(events.get(j.trigger().event()), "no annotated method")).append('\n');
        Segment segment = j.segment() == null ? null : plan.segment(j.segment());
        if (segment != null) {
          out.append("- only people in segment `").append(segment.name()).append("`");
          for (String attribute : Catalog.segmentAttributes(segment)) {
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

  private static String names(List<Attribute> attributes) {
    List<String> names = new ArrayList<>();
    for (Attribute a : attributes) {
      names.add("`" + a.name() + "`");
    }
    return String.join(", ", names);
  }
}
