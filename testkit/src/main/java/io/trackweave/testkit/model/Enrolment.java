package io.trackweave.testkit.model;

import java.time.Instant;
import java.util.List;

/**
 * One person's way through one journey, from the trigger that enrolled them.
 *
 * @param journey the journey's name
 * @param person who
 * @param enteredAt when they entered (the trigger's arrival)
 * @param trigger the event that enrolled them
 * @param state where they are now
 * @param messages what they would have been sent so far, in order
 * @param exitedAt when they left before the last step, or null
 * @param exitReason why they left, in words (e.g. {@code exit event order_completed}), or null
 * @param exitEvent the event that took them out, or null when something else did (left the segment, merge)
 * @param nextStepAt when the next message is due, or null when they are no longer in the journey
 * @param nextMessage the next message's name, or null
 */
public record Enrolment(
    String journey,
    PersonRef person,
    Instant enteredAt,
    DecidingEvent trigger,
    State state,
    List<WouldMessage> messages,
    Instant exitedAt,
    String exitReason,
    DecidingEvent exitEvent,
    Instant nextStepAt,
    String nextMessage) {

  /** Where a person is in a journey. */
  public enum State {
    /** Waiting for the next step. */
    ACTIVE,
    /** Left early: an exit event, no longer in the segment, merged, deleted. */
    EXITED,
    /** Went through every step. */
    COMPLETED
  }

  public Enrolment {
    messages = List.copyOf(messages);
  }
}
