package io.trackweave.runtime.faults;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.internal.operation.Ulid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Calls with known event ids (a dedupe key per call), runtimes with fast timings, and waiting. */
final class FaultSupport {
  static final String EVENT = "fault_suite";

  private FaultSupport() {}

  static TrackweaveConfig.Builder config(String endpoint, Path spoolDir) {
    return TrackweaveConfig.builder()
        .siteId("fault-site")
        .apiKey("fault-key")
        .endpoint(endpoint)
        .flushInterval(Duration.ofMillis(50))
        .retryInitialBackoff(Duration.ofMillis(5))
        .retryMaxBackoff(Duration.ofMillis(50))
        .retryMaxAttempts(4)
        .retryMaxTime(Duration.ofSeconds(10))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(5))
        .rateLimit(10_000)
        .batchMaxOperations(500)
        .jmx(false)
        .name("faults")
        .spoolEnabled(spoolDir != null)
        .spoolDir(spoolDir)
        .spoolFsync(FsyncPolicy.INTERVAL)
        .spoolFsyncInterval(Duration.ofMillis(200));
  }

  /** Call {@code seq}: an event of person {@code p<seq % persons>} with dedupe key {@code k<seq>}. */
  static void send(Tracker tracker, long seq, int persons) {
    tracker.track(Person.identified(IdentifierType.ID, "p" + (seq % persons)), EVENT,
        Fields.builder(1).put("seq", seq).build(), Tracker.NOW, "k" + seq);
  }

  static void send(Tracker tracker, long from, long to, int persons) {
    for (long i = from; i < to; i++) {
      send(tracker, i, persons);
    }
  }

  /** The event id call {@code seq} carries (derived from its dedupe key). */
  static String id(long seq) {
    return Ulid.toString(Ulid.hashHigh(EVENT, "k" + seq), Ulid.hashLow(EVENT, "k" + seq));
  }

  static List<String> ids(long from, long to, java.util.function.LongPredicate keep) {
    List<String> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      if (keep.test(i)) {
        out.add(id(i));
      }
    }
    return out;
  }

  static boolean await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** Waits until every call settled for good: nothing queued, nothing spooled. */
  static boolean awaitQuiet(TrackweaveRuntime runtime, long calls, Duration timeout) {
    return await(() -> {
      MetricsSnapshot m = runtime.metrics();
      return m.delivered() + m.rejected() + m.dropped() >= calls && m.queueOperations() == 0 && m.spoolBytes() == 0;
    }, timeout);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String describe(FaultyTrackApi api, MetricsSnapshot m) {
    return "requests=" + api.requests.get() + " items=" + api.items.get() + " unique=" + api.unique()
        + " doubled=" + api.doubled() + " inversions=" + api.orderInversions() + " | delivered=" + m.delivered()
        + " rejected=" + m.rejected() + " dropped=" + m.droppedByReason() + " spilled=" + m.spilled()
        + " replayed=" + m.replayed() + " retried=" + m.retried() + " spoolBytes=" + m.spoolBytes();
  }
}
