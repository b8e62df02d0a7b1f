package io.trackweave.testkit.junit;

import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.ModelSnapshot;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Waits, boundedly, for what the code under test tracked to reach the emulator: first flushes the runtime
 * (when there is one), then polls the emulator's model.
 */
final class Delivery {
  private static final long POLL_MILLIS = 20;

  private final TrackApiEmulator emulator;
  private final TrackweaveRuntime runtime;
  private final Duration timeout;

  Delivery(TrackApiEmulator emulator, TrackweaveRuntime runtime, Duration timeout) {
    this.emulator = emulator;
    this.runtime = runtime;
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  /** Flushes the runtime within the timeout; returns its report, or null without a runtime. */
  DeliveryReport flush() {
    return runtime == null ? null : runtime.flush(timeout);
  }

  /**
   * Flushes, then polls until {@code done} holds or the timeout passes; returns the last snapshot either
   * way. {@code hopeless} stops early when more waiting cannot help (e.g. already too many events).
   */
  ModelSnapshot await(Predicate<ModelSnapshot> done, Predicate<ModelSnapshot> hopeless) {
    long deadline = System.nanoTime() + timeout.toNanos();
    DeliveryReport report = flush();
    boolean settled = report == null || settled(report);
    while (true) {
      ModelSnapshot snapshot = emulator.snapshot();
      if (done.test(snapshot)) {
        return snapshot;
      }
      // once the runtime has settled everything, what the emulator holds is final
      if ((settled && runtime != null) || hopeless.test(snapshot) || System.nanoTime() - deadline >= 0) {
        return snapshot;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return snapshot;
      }
      if (!settled) {
        report = runtime.flush(Duration.ofMillis(POLL_MILLIS));
        settled = settled(report);
      }
    }
  }

  /** Nothing pending, and nothing the spool still holds to replay (a call Customer.io refused for a while). */
  private boolean settled(DeliveryReport report) {
    return report.complete() && runtime.idle();
  }

  /** The emulator clock's now, for failure messages. */
  java.time.Instant now() {
    return emulator.clock().instant();
  }

  /** One line about the runtime's deliveries, for failure messages. */
  String runtimeSummary() {
    if (runtime == null) {
      return "";
    }
    DeliveryReport r = runtime.flush(Duration.ZERO);
    return "\nRuntime: delivered " + r.delivered() + ", rejected " + r.rejected() + ", dropped " + r.dropped()
        + ", pending " + r.pending() + (runtime.isEnabled() ? "" : " (runtime disabled)");
  }
}
