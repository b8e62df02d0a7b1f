package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.event;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.LogRecorder;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A full disk costs the calls that do not fit, counted and logged once; the spool lives on and recovers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpoolWriteFailureTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @TempDir Path dir;
  private final AtomicLong now = new AtomicLong(123_456_789L);
  private final FullDisk disk = new FullDisk();
  private final Ledger ledger = ledger();

  private DiskSpool open(FsyncPolicy fsync) throws IOException {
    return DiskSpool.open(dir, ledger, 64L * 1024 * 1024, fsync, Duration.ofMillis(50), 100, Duration.ofMillis(100),
        Duration.ofMillis(200), "trackweave-spool-test", now::get, disk);
  }

  private void spill(DiskSpool spool, long from, long to) {
    for (long i = from; i < to; i++) {
      assertThat(spool.offerWhenFull(event("p", i))).as("call %d taken", i).isTrue();
      if (i % 10 == 9) {
        assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
      }
    }
    assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
  }

  private long writeFailedDrops() {
    return ledger.snapshot().droppedByReason().getOrDefault("spool_write_failed", 0L);
  }

  private static List<Long> replayAll(DiskSpool spool) {
    List<Operation> out = SpoolFixtures.replayAll(spool);
    out.forEach(op -> op.receipt().settled());
    return out.stream().map(op -> (Long) op.fields().get("seq")).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(Segment.SUFFIX)).sorted().toList();
    }
  }

  @Test
  void aFullDiskDropsCountedCallsOnceLoggedAndTheSpoolRecoversWhenSpaceReturns() throws Exception {
    List<Long> expected = new ArrayList<>();
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      DiskSpool spool = open(FsyncPolicy.ALWAYS);
      try {
        spill(spool, 0, 10);
        expected.addAll(range(0, 10));

        disk.fill(7); // a short write, then ENOSPC
        spill(spool, 10, 110);
        assertThat(writeFailedDrops()).isEqualTo(100);
        assertThat(disk.failedWrites.get()).as("retried every second, not per call").isEqualTo(1);

        // still full a second later: the retry's new segment fails too, and is not left behind
        now.addAndGet(WriteFailures.RETRY_NANOS);
        spill(spool, 110, 115);
        assertThat(writeFailedDrops()).isEqualTo(105);
        assertThat(disk.failedWrites.get()).isEqualTo(2);
        assertThat(segmentFiles()).hasSize(1);

        List<LogRecorder.Entry> warnings = log.at(Level.WARNING);
        assertThat(warnings).hasSize(1); // not one per call, nor per retry
        assertThat(warnings.get(0).message()).contains(FullDisk.ENOSPC, "spool_write_failed")
            .contains(dir.toString());

        now.addAndGet(31 * SECOND); // still failing half a minute later: said again, with the count
        spill(spool, 115, 116);
        assertThat(log.at(Level.WARNING)).hasSize(2);
        assertThat(log.at(Level.WARNING).get(1).message()).contains("still fails", "106");

        disk.free();
        spill(spool, 116, 117); // within the second after the last failure: dropped without trying
        assertThat(writeFailedDrops()).isEqualTo(107);
        assertThat(disk.failedWrites.get()).isEqualTo(3);

        now.addAndGet(WriteFailures.RETRY_NANOS);
        spill(spool, 117, 127);
        expected.addAll(range(117, 127));
        assertThat(writeFailedDrops()).isEqualTo(107);
        assertThat(spool.written()).isEqualTo(20);
        assertThat(log.at(Level.INFO)).anySatisfy(e -> assertThat(e.message()).contains("works again", "107"));

        // nothing was lost beyond what was counted, and the cut-off write left no torn record behind
        assertThat(replayAll(spool)).isEqualTo(expected);
        assertThat(spool.corruptSkipped()).isZero();
      } finally {
        spool.close();
      }
    }
    assertThat(ledger.snapshot().droppedByReason()).containsOnlyKeys("spool_write_failed");
  }

  @Test
  void whatAFullDiskCutOffIsNotReadAsDamageByTheNextRun() throws Exception {
    DiskSpool spool = open(FsyncPolicy.NEVER);
    try {
      spill(spool, 0, 10);
      disk.fill(30); // the next write gets 30 bytes out, a record and a half
      spill(spool, 10, 20);
    } finally {
      spool.close();
    }
    assertThat(writeFailedDrops()).isEqualTo(10);
    Ledger second = ledger();
    DiskSpool reopened = DiskSpool.open(dir, second, 64L * 1024 * 1024, FsyncPolicy.NEVER, Duration.ofMillis(50), 100,
        Duration.ofMillis(100), Duration.ofMillis(200), "trackweave-spool-test");
    try {
      assertThat(replayAll(reopened)).isEqualTo(range(0, 10));
      assertThat(reopened.corruptSkipped()).isZero();
    } finally {
      reopened.close();
    }
  }

  @Test
  void aFailedFsyncKeepsWhatWasWrittenAndMovesToAFreshSegment() throws Exception {
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      DiskSpool spool = open(FsyncPolicy.ALWAYS);
      try {
        spill(spool, 0, 10);
        disk.fill(Integer.MAX_VALUE); // writes fit, fsync fails (as on file systems that report at fsync)
        spill(spool, 10, 40); // three hand-overs that each wait for an fsync
        assertThat(writeFailedDrops()).isZero(); // written, readable: only an OS crash could take them
        assertThat(disk.created.get()).as("a fresh segment after each failed fsync").isGreaterThanOrEqualTo(3);
        assertThat(log.at(Level.WARNING)).singleElement().satisfies(e ->
            assertThat(e.message()).contains("fsync", FullDisk.ENOSPC, "kept"));
        disk.free();
        spill(spool, 40, 50);
        assertThat(writeFailedDrops()).isZero();
        assertThat(replayAll(spool)).isEqualTo(range(0, 50));
        assertThat(spool.corruptSkipped()).isZero();
      } finally {
        spool.close();
      }
    }
  }
}
