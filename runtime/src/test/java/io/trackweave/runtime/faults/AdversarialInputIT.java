package io.trackweave.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Ulid;
import io.trackweave.runtime.internal.spool.DiskSpool;
import io.trackweave.runtime.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input never hangs and never throws into the caller: each call ends delivered, or rejected
 * or dropped with a reason, and the books add up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdversarialInputIT {
  @TempDir Path spool;
  private static final Person P = Person.identified(IdentifierType.ID, "adversary");

  @Test
  void hostileValuesAreRejectedWithAReasonNeverThrown() throws Exception {
    try (FaultyTrackApi api = new FaultyTrackApi();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(FaultSupport.config(api.endpoint(), spool).build())) {
      Fields deep = Fields.EMPTY;
      for (int i = 0; i < 10_000; i++) {
        deep = Fields.builder(1).put("n", deep).build();
      }
      Object[] cycle = new Object[1];
      FieldArray cyclic = FieldArray.ofOwned(cycle);
      cycle[0] = cyclic; // an owned array changed after wrapping: the one way to build a cycle
      Map<String, Object> nullKeys = new HashMap<>();
      nullKeys.put(null, "v");
      Object throwsOnToString = new Object() {
        @Override
        public String toString() {
          throw new IllegalStateException("boom");
        }
      };
      List<Object> ring = new java.util.ArrayList<>();
      ring.add(List.of(ring)); // a cycle through two lists: their toString overflows the stack
      String huge = "x".repeat(10 * 1024 * 1024);
      List<Fields> cases = List.of(
          Fields.builder(1).put("nan", Double.NaN).build(),
          Fields.builder(1).put("inf", Double.NEGATIVE_INFINITY).build(),
          Fields.builder(1).putValue("float_nan", Float.NaN).build(),
          Fields.builder(1).put("huge", huge).build(),
          deep,
          Fields.builder(1).put("cycle", cyclic).build(),
          Fields.builder(1).putValue("map_with_null_key", nullKeys).build(),
          Fields.builder(1).put("owned", FieldArray.ofOwned(new Object[] {throwsOnToString})).build(),
          Fields.builder(1).putValue("to_string_throws", throwsOnToString).build(), // putValue never throws
          Fields.builder(1).putValue("ring", ring).build(),
          Fields.builder(3).put("lone_high", "a\uD800b").put("lone_low", "\uDC00").put("emoji", "😀").build());
      for (Fields f : cases) {
        runtime.track(P, "adversarial", f);
      }
      runtime.track(Person.identified(IdentifierType.ID, "\uD800lone-surrogate-id"), "adversarial", Fields.EMPTY);
      runtime.track(null, "adversarial", Fields.EMPTY);
      runtime.track(P, null, null);
      runtime.track(P, "n".repeat(101), Fields.EMPTY);
      runtime.track(P, "\uDFFF", null);
      runtime.identify(P, Fields.builder(1).put("big", "y".repeat(1001)).build());
      runtime.identify(null, null);
      int calls = cases.size() + 7;

      boolean settled = FaultSupport.await(() -> {
        MetricsSnapshot m = runtime.metrics();
        return m.delivered() + m.rejected() + m.dropped() >= calls && m.queueOperations() == 0;
      }, Duration.ofSeconds(20));
      MetricsSnapshot m = runtime.metrics();
      System.out.println("adversarial: delivered=" + m.delivered() + " rejected=" + m.rejectedByReason()
          + " dropped=" + m.droppedByReason());
      assertThat(settled).isTrue();
      assertThat(m.delivered() + m.rejected() + m.dropped()).isEqualTo(calls);
      assertThat(m.rejectedByReason()).containsKeys("non_finite_number", "operation_too_large", "nested_too_deep",
          "missing_identifier", "missing_event_name", "event_name_too_long", "attribute_value_too_large");
      assertThat(m.rejectedByReason().get("non_finite_number")).isEqualTo(3);
      assertThat(m.rejectedByReason().get("nested_too_deep")).isEqualTo(2); // deep and the cycle
      // a toString that throws or overflows: the owned array's and both putValue cases, counted at capture
      assertThat(m.rejectedByReason().get("internal_error")).isEqualTo(3);
    }
  }

  /** Spools calls {@code from..to} (FaultSupport's ids) into a lone segment file and returns its bytes. */
  private static byte[] spooledSegment(Path staging, long from, long to) throws Exception {
    Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
        new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
    DiskSpool writer = DiskSpool.open(staging, ledger, 1L << 26, FsyncPolicy.NEVER, Duration.ofSeconds(1), 100,
        Duration.ofMillis(100), Duration.ofMillis(200), "trackweave-spool-staging");
    try {
      for (long seq = from; seq < to; seq++) {
        String key = "k" + seq;
        writer.offerWhenFull(Operation.restore(Action.EVENT, Person.identified(IdentifierType.ID, "p" + (seq % 7)),
            null, FaultSupport.EVENT, Fields.builder(1).put("seq", seq).build(), 1_700_000_000L + seq,
            Ulid.hashHigh(FaultSupport.EVENT, key), Ulid.hashLow(FaultSupport.EVENT, key), false, null, null, 100,
            null));
      }
      assertThat(writer.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
    } finally {
      writer.close();
    }
    try (var files = Files.list(staging)) {
      Path segment = files.filter(p -> p.toString().endsWith(".twspool")).findFirst().orElseThrow();
      byte[] bytes = Files.readAllBytes(segment);
      Files.delete(segment);
      return bytes;
    }
  }

  @Test
  void hostileSpoolContentsNeitherWedgeTheSpoolNorLoseNewCalls(@TempDir Path staging) throws Exception {
    // left in the spool directory: a directory named like a segment, a segment whose header magic is
    // damaged (its records are intact), and a segment a newer release wrote
    Path directory = Files.createDirectories(spool.resolve("00000000000000000000.twspool"));
    byte[] damaged = spooledSegment(staging, 0, 300);
    damaged[0] = 0;
    damaged[1] = 0;
    Files.write(spool.resolve("00000000000000000001.twspool"), damaged);
    byte[] newer = spooledSegment(staging, 300, 310);
    newer[5] = 9; // segment format 9
    Path newerFile = spool.resolve("00000000000000000002.twspool");
    Files.write(newerFile, newer);

    try (FaultyTrackApi api = new FaultyTrackApi();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(FaultSupport.config(api.endpoint(), spool).build())) {
      FaultSupport.send(runtime, 1000, 1200, 7); // new calls, queued behind the recovered backlog
      List<String> expected = new ArrayList<>(FaultSupport.ids(0, 300, i -> true));
      expected.addAll(FaultSupport.ids(1000, 1200, i -> true));
      boolean delivered = FaultSupport.await(() -> expected.stream().allMatch(api.byId::containsKey),
          Duration.ofSeconds(20));
      MetricsSnapshot m = runtime.metrics();
      assertThat(delivered).as("recovered and new calls delivered: " + m).isTrue();
      assertThat(FaultSupport.ids(300, 310, i -> true)).noneMatch(api.byId::containsKey); // never misread
      assertThat(m.droppedByReason()).containsEntry("spool_corrupt", 1L); // the damaged header, once
    }
    assertThat(directory).isDirectory();
    assertThat(Files.readAllBytes(newerFile)).isEqualTo(newer);
  }

  @Test
  void aNullKeyIsRefusedWhereTheFieldsAreBuiltNotInTrack() {
    // the compact capture never holds a null name: the mapper's (or caller's) own builder refuses it
    assertThatThrownBy(() -> Fields.builder(1).put(null, "v")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void closeRacingTrackNeverThrowsOrHangsAndEveryCallIsCounted() throws Exception {
    try (FaultyTrackApi api = new FaultyTrackApi()) {
      for (int round = 0; round < 5; round++) {
        TrackweaveRuntime runtime = TrackweaveRuntime.create(FaultSupport.config(api.endpoint(), spool).build());
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong sent = new AtomicLong();
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          Thread w = new Thread(() -> {
            try {
              go.await();
              for (int i = 0; i < 20_000; i++) {
                runtime.track(P, "race", Fields.builder(1).put("i", (long) i).build(), Tracker.NOW, null);
                sent.incrementAndGet();
              }
            } catch (Throwable e) {
              escaped.set(e);
            }
          }, "racer-" + id);
          w.start();
          workers.add(w);
        }
        go.countDown();
        Thread.sleep(5);
        runtime.close(Duration.ofSeconds(5));
        for (Thread w : workers) {
          w.join(TimeUnit.SECONDS.toMillis(20));
          assertThat(w.isAlive()).isFalse();
        }
        assertThat(escaped.get()).isNull();
        MetricsSnapshot m = runtime.metrics();
        // everything settled: delivered, dropped (closed) or left in the spool for the next run
        long spooledLeft = m.spilled() - m.replayed();
        assertThat(m.delivered() + m.rejected() + m.dropped() + Math.max(0, spooledLeft))
            .as("round " + round + ": " + m).isGreaterThanOrEqualTo(sent.get());
        assertThat(m.droppedByReason().keySet()).allMatch(r -> r.equals("closed") || r.equals("shutdown"));
      }
    }
  }
}
