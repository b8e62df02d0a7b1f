package io.trackweave.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A journey (a Customer.io event-triggered campaign) the team runs, declared in the plan so that the
 * emulator can show who would enter, leave and be messaged, and the linter can check it against the events
 * and attributes. It reads like the guides: "checkout_started, then no order_completed within 2 hours:
 * send the cart reminder".
 *
 * @param name the journey's name (lowercase snake_case)
 * @param description what it is for, for people; may be null
 * @param trigger the event that enrols a person, with an optional property filter
 * @param segment the name of the plan segment a person must be in to enter, and still be in before each
 *     message; null for everyone
 * @param exitOn events that take a person out of the journey at once (the conversion goal), in plan order
 * @param frequency how often one person may enter
 * @param steps the waits and messages, in order; at least one
 * @param pointer where it sits in the plan file, e.g. {@code journeys.cart_recovery}
 */
public record Journey(
    String name,
    String description,
    Trigger trigger,
    String segment,
    List<String> exitOn,
    Frequency frequency,
    List<Step> steps,
    String pointer) {

  public Journey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(frequency, "frequency");
    exitOn = List.copyOf(exitOn);
    steps = List.copyOf(steps);
  }

  /**
   * The event that enrols a person.
   *
   * @param event the event name, one of the plan's events
   * @param where conditions on the event's properties, all of which must hold; empty for any occurrence
   */
  public record Trigger(String event, List<Condition> where) {
    public Trigger {
      Objects.requireNonNull(event, "event");
      where = List.copyOf(where);
    }

    /** Whether an occurrence with these properties (a JSON object) passes the filter. */
    public boolean accepts(com.fasterxml.jackson.databind.JsonNode properties) {
      for (Condition c : where) {
        if (!c.test(properties == null ? null : properties.get(c.name()))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      if (where.isEmpty()) {
        return event;
      }
      StringBuilder sb = new StringBuilder(event).append(" where ");
      for (int i = 0; i < where.size(); i++) {
        sb.append(i == 0 ? "" : " and ").append(where.get(i));
      }
      return sb.toString();
    }
  }

  /**
   * One step: wait, then (if the person is still in the journey and in its segment) send a message.
   *
   * @param delay ({@code wait:} in the plan) how long after the previous step (or the trigger, for the first); zero sends at once
   * @param message the message's name, e.g. {@code cart_reminder_email}
   */
  public record Step(Duration delay, String message) {
    public Step {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(message, "message");
    }
  }

  /** How often one person may enter a journey (Customer.io's campaign "frequency"). */
  public enum Frequency {
    /** At most once per person, ever. The default. */
    ONCE("once"),
    /** On every qualifying trigger, but only when not already in the journey. */
    EVERY_TIME("every_time");

    private final String key;

    Frequency(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
