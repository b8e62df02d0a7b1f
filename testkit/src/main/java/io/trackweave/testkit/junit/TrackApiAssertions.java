package io.trackweave.testkit.junit;

import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.model.OperationRecord;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PlanViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of assertions about what reached the emulator; from {@link TrackApiExtension#assertThat()}.
 */
public final class TrackApiAssertions {
  private final TrackApiEmulator emulator;
  private final TrackweaveRuntime runtime;
  private final Duration timeout;

  TrackApiAssertions(TrackApiEmulator emulator, TrackweaveRuntime runtime, Duration timeout) {
    this.emulator = emulator;
    this.runtime = runtime;
    this.timeout = timeout;
  }

  /** The same assertions, waiting at most {@code timeout} for delivery. */
  public TrackApiAssertions within(Duration timeout) {
    return new TrackApiAssertions(emulator, runtime, timeout);
  }

  /** Expectations about events named {@code eventName}. */
  public EventAssertion tracked(String eventName) {
    return new EventAssertion(delivery(), eventName);
  }

  /** Expectations about the person known by this id, email, phone or cio_id. */
  public PersonAssertion identified(String identifier) {
    return new PersonAssertion(delivery(), identifier);
  }

  /**
   * Expectations about the Customer.io object of this type id (a string-formatted integer such as {@code "1"})
   * and id: {@code object("1", "sub-42").withAttribute("plan", "pro").relatedTo("42").exists()}.
   */
  public ObjectAssertion object(String typeId, String id) {
    return new ObjectAssertion(delivery(), typeId, id);
  }

  /** Expectations about the plan's journey of that name, as the emulator evaluated it on what arrived. */
  public JourneyAssertion journey(String name) {
    return new JourneyAssertion(delivery(), name);
  }

  /**
   * Asserts that nothing broke the tracking plan: no call the emulator received, and no violation the
   * runtime counted (generated mappers report, e.g., a required property that was null).
   */
  public void noPlanViolations() {
    Delivery delivery = delivery();
    delivery.await(s -> true, s -> true);
    List<String> problems = new ArrayList<>();
    for (CallRecord call : emulator.calls()) {
      for (OperationRecord op : call.operations()) {
        for (PlanViolation v : op.violations()) {
          problems.add(op.description() + ": " + v);
        }
      }
    }
    long counted = 0;
    if (runtime != null) {
      MetricsSnapshot metrics = runtime.metrics();
      counted = metrics.violations();
    }
    if (!problems.isEmpty() || counted > 0) {
      StringBuilder m = new StringBuilder("Expected no tracking-plan violations, but found:");
      problems.forEach(p -> m.append("\n  - ").append(p));
      if (counted > 0) {
        m.append("\n  - the runtime counted ").append(counted).append(" violation(s) reported by generated mappers");
      }
      throw new AssertionError(m.toString());
    }
  }

  /**
   * Asserts that every Track API call the emulator received succeeded (no 4xx, 5xx or 207), apart from
   * faults you injected.
   */
  public void noFailedCalls() {
    delivery().await(s -> true, s -> true);
    List<String> failed = new ArrayList<>();
    for (CallRecord call : emulator.calls()) {
      boolean injected = call.error() != null && call.error().startsWith("injected fault");
      if (!injected && (call.status() == 0 || call.status() >= 300)) {
        failed.add(call.method() + " " + call.path() + " -> " + call.status()
            + (call.error() != null ? " (" + call.error() + ")" : "")
            + rejected(call));
      }
    }
    if (!failed.isEmpty()) {
      throw new AssertionError("Expected every Track API call to succeed, but:\n  - " + String.join("\n  - ", failed));
    }
  }

  /** A consistent copy of the emulator's model, after flushing the runtime. */
  public ModelSnapshot snapshot() {
    Delivery delivery = delivery();
    return delivery.await(s -> true, s -> true);
  }

  private static String rejected(CallRecord call) {
    StringBuilder sb = new StringBuilder();
    for (OperationRecord op : call.operations()) {
      if (op.outcome().startsWith("rejected")) {
        sb.append("; [").append(op.batchIndex()).append("] ").append(op.outcome());
      }
    }
    return sb.toString();
  }

  private Delivery delivery() {
    return new Delivery(emulator, runtime, timeout);
  }
}
