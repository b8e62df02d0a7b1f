package io.trackweave.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.DeclinedTrigger;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.WouldMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Each journey: who entered, who left and why, who is waiting for which message, and who was not let in. */
  static String journeys(List<JourneyView> journeys) {
    StringBuilder out = new StringBuilder();
    for (JourneyView j : journeys) {
      out.append(String.format("  %s: trigger %s%s%s%n", j.name(), j.trigger(),
          j.segment() == null ? "" : ", segment " + j.segment(),
          j.exitOn().isEmpty() ? "" : ", exit on " + String.join(", ", j.exitOn())));
      for (Enrolment e : j.enrolments()) {
        String what = switch (e.state()) {
          case EXITED -> "entered on " + e.trigger().name() + ", exited: " + e.exitReason()
              + (e.messages().isEmpty() ? " (never messaged)" : "");
          case COMPLETED -> "entered on " + e.trigger().name() + ", went through every step";
          default -> "entered on " + e.trigger().name() + "; next: " + e.nextMessage() + " at "
              + TIME.format(e.nextStepAt()) + " unless " + String.join(" or ", j.exitOn()) + " arrives first";
        };
        out.append(String.format("    %-10s %s%n", e.person().displayName(), what));
      }
      for (DeclinedTrigger d : j.declined()) {
        out.append(String.format("    %-10s not enrolled by %s: %s%n", d.person().displayName(), d.event().name(),
            d.reason()));
      }
      if (j.enrolments().isEmpty() && j.declined().isEmpty()) {
        out.append("    nobody triggered it\n");
      }
    }
    return out.toString();
  }

  /** One line per message a journey would have sent, with how long after the person entered. */
  static String wouldMessage(List<JourneyView> journeys) {
    StringBuilder out = new StringBuilder();
    for (JourneyView j : journeys) {
      int lines = 0;
      for (Enrolment e : j.enrolments()) {
        for (WouldMessage m : e.messages()) {
          out.append(String.format("  %-14s would message %-10s %-22s at %s (%s after %s)%n", j.name(),
              e.person().displayName(), m.message(), TIME.format(m.at()), after(e.enteredAt(), m.at()),
              e.trigger().name()));
          lines++;
        }
      }
      if (lines == 0) {
        out.append(String.format("  %-14s would message nobody%n", j.name()));
      }
    }
    return out.toString();
  }

  private static String after(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    long days = d.toDays();
    long hours = d.minusDays(days).toHours();
    return (days > 0 ? days + "d" : "") + (hours > 0 || days == 0 ? (days > 0 ? " " : "") + hours + "h" : "");
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
