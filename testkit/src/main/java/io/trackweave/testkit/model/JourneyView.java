package io.trackweave.testkit.model;

import java.util.List;

/**
 * A journey of the tracking plan as the emulator evaluated it on what it received: everyone who entered (with
 * what they would have been sent, and how they left), and the triggers that enrolled nobody.
 *
 * @param name the journey's name
 * @param description from the plan, or null
 * @param trigger the trigger as the plan states it, e.g. {@code checkout_started where cart_value > 0}
 * @param segment the segment a person must be in, or null
 * @param exitOn the exit events
 * @param steps the steps in words, e.g. {@code wait 2h, then cart_reminder}
 * @param enrolments every entry, oldest first
 * @param declined triggers that enrolled nobody, oldest first (the latest 200)
 */
public record JourneyView(
    String name,
    String description,
    String trigger,
    String segment,
    List<String> exitOn,
    List<String> steps,
    List<Enrolment> enrolments,
    List<DeclinedTrigger> declined) {

  public JourneyView {
    exitOn = List.copyOf(exitOn);
    steps = List.copyOf(steps);
    enrolments = List.copyOf(enrolments);
    declined = List.copyOf(declined);
  }

  /** How many times people entered. */
  public int entered() {
    return enrolments.size();
  }

  /** How many left early. */
  public long exited() {
    return enrolments.stream().filter(e -> e.state() == Enrolment.State.EXITED).count();
  }

  /** How many messages would have been sent. */
  public long wouldMessage() {
    return enrolments.stream().mapToLong(e -> e.messages().size()).sum();
  }

  /** The entries of the person known by this id, email, phone or cio_id, oldest first. */
  public List<Enrolment> enrolmentsOf(String identifier) {
    return enrolments.stream().filter(e -> e.person().isKnownAs(identifier)).toList();
  }
}
