package io.trackweave.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PersonView;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Renders what the emulator received as the short summary the demo prints. */
final class ActivitySummary {
  private ActivitySummary() {}

  static String render(TrackApiEmulator emulator) {
    StringBuilder out = new StringBuilder();
    Counts counts = emulator.counts();
    out.append(String.format(
        "Customer.io (emulated) now holds %d people and %d events; %d duplicate(s) dropped by event id; %d plan violation(s).%n",
        counts.people(), counts.events(), counts.deduplicated(), counts.violations()));
    for (PersonView person : emulator.people()) {
      out.append(String.format("  %-10s %s%n", person.displayName(), attributes(person)));
      Map<String, Integer> byName = new TreeMap<>();
      for (EventView event : person.events()) {
        byName.merge(event.name(), 1, Integer::sum);
      }
      StringBuilder events = new StringBuilder();
      byName.forEach((name, n) -> events.append(events.length() == 0 ? "" : ", ").append(name).append(n > 1 ? " x" + n : ""));
      out.append(String.format("  %-10s events: %s%n", "", events.length() == 0 ? "none" : events));
      if (!person.anonymousIds().isEmpty()) {
        out.append(String.format("  %-10s merged guest history of %s%n", "", person.anonymousIds()));
      }
    }
    return out.toString();
  }

  private static String attributes(PersonView person) {
    StringBuilder sb = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> fields = person.attributes().properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      sb.append(sb.length() == 0 ? "" : " ").append(field.getKey()).append('=').append(field.getValue());
    }
    return sb.toString();
  }
}
