package io.trackweave.runtime.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.LogRecorder;
import io.trackweave.runtime.internal.metrics.Ledger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class WriteFailuresTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final IOException ENOSPC = new IOException("No space left on device");

  private final AtomicLong now = new AtomicLong(-SECOND);
  private final Ledger ledger = SpoolFixtures.ledger();
  private final WriteFailures failures = new WriteFailures(Path.of("/spool"), ledger, now::get);

  private long dropped() {
    return ledger.snapshot().droppedByReason().getOrDefault(WriteFailures.REASON, 0L);
  }

  @Test
  void anOutageIsLoggedWhenItStartsEveryThirtySecondsWhileItLastsAndWhenItEnds() {
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      assertThat(failures.pausing()).isFalse();
      failures.failed("writing 00000000000000000003.twspool", ENOSPC, 40);
      assertThat(dropped()).isEqualTo(40);
      assertThat(log.at(Level.WARNING)).singleElement().satisfies(e -> assertThat(e.message())
          .contains("/spool", "writing 00000000000000000003.twspool", "No space left on device", "spool_write_failed"));

      // for a second the disk is left alone; the calls are dropped all the same
      assertThat(failures.pausing()).isTrue();
      failures.drop(5);
      now.addAndGet(SECOND - 1);
      assertThat(failures.pausing()).isTrue();
      now.addAndGet(1);
      assertThat(failures.pausing()).isFalse();

      for (int i = 0; i < 28; i++) { // a retry a second, each failing: no new warning for 30 s
        failures.failed("creating 00000000000000000004.twspool", ENOSPC, 1);
        now.addAndGet(SECOND);
      }
      assertThat(log.at(Level.WARNING)).hasSize(1);
      now.addAndGet(2 * SECOND);
      failures.failed("creating 00000000000000000005.twspool", ENOSPC, 1);
      assertThat(log.at(Level.WARNING)).hasSize(2);
      assertThat(log.at(Level.WARNING).get(1).message()).contains("still fails", "74 spilled call(s)");

      failures.succeeded();
      assertThat(log.at(Level.INFO)).singleElement().satisfies(e ->
          assertThat(e.message()).contains("works again", "74 spilled call(s)"));
      assertThat(failures.pausing()).isFalse();
      failures.succeeded(); // not an outage's end twice
      assertThat(log.at(Level.INFO)).hasSize(1);

      failures.failed("writing 00000000000000000006.twspool", ENOSPC, 2); // a new outage, a new count
      assertThat(log.at(Level.WARNING)).hasSize(3);
      failures.succeeded();
      assertThat(log.at(Level.INFO).get(1).message()).contains("2 spilled call(s)");
      assertThat(dropped()).isEqualTo(76);
    }
  }

  @Test
  void failedFsyncsDropNothingAndAreLoggedAtMostEveryThirtySeconds() {
    Segment segment = new Segment(9, Path.of("/spool", Segment.fileName(9)));
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      for (int i = 0; i < 10; i++) {
        failures.syncFailed(segment, ENOSPC);
        now.addAndGet(SECOND);
      }
      assertThat(log.at(Level.WARNING)).singleElement().satisfies(e ->
          assertThat(e.message()).contains(Segment.fileName(9), "fsync", "1 time(s)"));
      now.addAndGet(30 * SECOND);
      failures.syncFailed(segment, ENOSPC);
      assertThat(log.at(Level.WARNING)).hasSize(2);
      assertThat(log.at(Level.WARNING).get(1).message()).contains("11 time(s)");
      assertThat(failures.pausing()).isFalse();
      assertThat(dropped()).isZero();
    }
  }
}
