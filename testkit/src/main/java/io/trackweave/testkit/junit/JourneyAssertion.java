package io.trackweave.testkit.junit;

import io.trackweave.testkit.model.DeclinedTrigger;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.WouldMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Expectations about one journey of the tracking plan, as the emulator evaluated it on what arrived, read like
 * a sentence: {@code journey("cart_recovery").messaged("cust-1")}, {@code .neverMessaged("cust-2")},
 * {@code .enrolledOnce("cust-1")}, {@code .exitedOn("cust-2", "order_completed")}.
 *
 * <p>Each assertion flushes the runtime, waits (boundedly) until it holds, and fails with the journey's story
 * for that person: every entry, message, exit and declined trigger with the events that decided it. Time in
 * the journey is the emulator's clock: advance it ({@link TrackApiExtension#clock()}) to reach a step's wait.
 */
public final class JourneyAssertion {
  private final Delivery delivery;
  private final String journey;

  JourneyAssertion(Delivery delivery, String journey) {
    this.delivery = delivery;
    this.journey = Objects.requireNonNull(journey, "journey");
  }

  /** Asserts the person would have been sent at least one message of this journey; returns them all. */
  public List<WouldMessage> messaged(String person) {
    List<WouldMessage> sent = messages(await(j -> !messagesOf(j, person, null).isEmpty()), person, null);
    if (sent.isEmpty()) {
      throw failure(person, "to have been messaged");
    }
    return sent;
  }

  /** Asserts the person would have been sent this message; returns when (every occurrence). */
  public List<WouldMessage> messaged(String person, String message) {
    Objects.requireNonNull(message, "message");
    List<WouldMessage> sent = messages(await(j -> !messagesOf(j, person, message).isEmpty()), person, message);
    if (sent.isEmpty()) {
      throw failure(person, "to have been sent " + message);
    }
    return sent;
  }

  /** Asserts the person would not have been sent any message of this journey (so far, by the emulator's clock). */
  public JourneyAssertion neverMessaged(String person) {
    JourneyView j = await(v -> true);
    if (!messagesOf(j, person, null).isEmpty()) {
      throw failure(person, "never to have been messaged");
    }
    return this;
  }

  /** Asserts the person entered this journey exactly once (a retried trigger did not enrol them again). */
  public Enrolment enrolledOnce(String person) {
    JourneyView j = await(v -> v.enrolmentsOf(person).size() == 1);
    List<Enrolment> found = j.enrolmentsOf(person);
    if (found.size() != 1) {
      throw failure(person, "to have entered exactly once");
    }
    return found.get(0);
  }

  /** Asserts the person entered this journey at least once; returns every entry. */
  public List<Enrolment> enrolled(String person) {
    JourneyView j = await(v -> !v.enrolmentsOf(person).isEmpty());
    if (j.enrolmentsOf(person).isEmpty()) {
      throw failure(person, "to have entered");
    }
    return j.enrolmentsOf(person);
  }

  /** Asserts the person never entered this journey. */
  public JourneyAssertion neverEnrolled(String person) {
    JourneyView j = await(v -> true);
    if (!j.enrolmentsOf(person).isEmpty()) {
      throw failure(person, "never to have entered");
    }
    return this;
  }

  /** Asserts the person's latest entry ended early because {@code event} arrived; returns that entry. */
  public Enrolment exitedOn(String person, String event) {
    Predicate<JourneyView> done = v -> exitedOn(latest(v, person), event);
    JourneyView j = await(done);
    if (!done.test(j)) {
      throw failure(person, "to have exited on " + event);
    }
    return latest(j, person);
  }

  /** The journey as the emulator holds it now, after flushing the runtime. */
  public JourneyView view() {
    return await(v -> true);
  }

  private static boolean exitedOn(Enrolment e, String event) {
    return e != null && e.state() == Enrolment.State.EXITED && e.exitEvent() != null
        && e.exitEvent().name().equals(event);
  }

  private static Enrolment latest(JourneyView j, String person) {
    List<Enrolment> all = j.enrolmentsOf(person);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private static List<WouldMessage> messagesOf(JourneyView j, String person, String message) {
    return j.enrolmentsOf(person).stream().flatMap(e -> e.messages().stream())
        .filter(m -> message == null || m.message().equals(message)).toList();
  }

  private List<WouldMessage> messages(JourneyView j, String person, String message) {
    return messagesOf(j, person, message);
  }

  private JourneyView await(Predicate<JourneyView> done) {
    ModelSnapshot s = delivery.await(snap -> done.test(journey(snap)), snap -> false);
    return journey(s);
  }

  private JourneyView journey(ModelSnapshot s) {
    JourneyView j = s.journey(journey);
    if (j == null) {
      List<String> names = s.journeys().stream().map(JourneyView::name).toList();
      throw new AssertionError("No journey '" + journey + "' in the emulator's tracking plan; "
          + (names.isEmpty() ? "the plan declares no journeys (or the emulator has no plan)" : "it has " + names));
    }
    return j;
  }

  private AssertionError failure(String person, String expectation) {
    JourneyView j = journey(delivery.await(s -> true, s -> true));
    StringBuilder m = new StringBuilder("Expected ").append(person).append(' ').append(expectation)
        .append(" in journey ").append(journey).append(" (trigger ").append(j.trigger());
    if (j.segment() != null) {
      m.append(", segment ").append(j.segment());
    }
    if (!j.exitOn().isEmpty()) {
      m.append(", exit on ").append(String.join(", ", j.exitOn()));
    }
    m.append("; steps: ").append(String.join("; ", j.steps())).append("), but:");
    List<Enrolment> entries = j.enrolmentsOf(person);
    if (entries.isEmpty()) {
      m.append("\n  - ").append(person).append(" never entered");
    }
    for (Enrolment e : entries) {
      m.append("\n  - entered ").append(e.enteredAt()).append(" on ").append(e.trigger());
      for (WouldMessage w : e.messages()) {
        m.append("\n      would message ").append(w.message()).append(" at ").append(w.at());
      }
      switch (e.state()) {
        case EXITED -> m.append("\n      exited ").append(e.exitedAt()).append(": ").append(e.exitReason());
        case COMPLETED -> m.append("\n      completed every step");
        default -> m.append("\n      still in the journey; next: ").append(e.nextMessage()).append(" at ")
            .append(e.nextStepAt());
      }
    }
    for (DeclinedTrigger d : j.declined()) {
      if (d.person().isKnownAs(person)) {
        m.append("\n  - not enrolled by ").append(d.event()).append(" at ").append(d.at()).append(": ")
            .append(d.reason());
      }
    }
    m.append("\n(").append(j.entered()).append(" entered, ").append(j.exited()).append(" exited, ")
        .append(j.wouldMessage()).append(" would-message in all; the emulator's clock says ")
        .append(delivery.now()).append(')');
    m.append(delivery.runtimeSummary());
    return new AssertionError(m.toString());
  }
}
