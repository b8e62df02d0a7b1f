package io.trackweave.runtime.spool;

import static io.trackweave.runtime.spool.SpoolFixtures.event;
import static io.trackweave.runtime.spool.SpoolFixtures.ledger;
import static io.trackweave.runtime.spool.SpoolFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.runtime.capture.Operation;
import io.trackweave.runtime.metrics.Ledger;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskSpoolTest {
  @TempDir Path dir;

  private static List<Operation> replayAll(DiskSpool spool) {
    List<Operation> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int idle = 0;
    while (System.nanoTime() < deadline && idle < 20) {
      int n = spool.replay(out::add);
      idle = n == 0 ? idle + 1 : 0;
      if (n == 0) {
        sleep(10);
      }
    }
    return out;
  }

  private static void settle(List<Operation> ops) {
    ops.forEach(op -> op.receipt().settled());
  }

  private static List<Long> seqs(List<Operation> ops) {
    return ops.stream().map(op -> (Long) op.fields().get("seq")).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(Segment.SUFFIX)).sorted().toList();
    }
  }

  @Test
  void replaysInSpillOrderAfterReopen() throws Exception {
    Ledger ledger = ledger();
    DiskSpool spool = open(dir, ledger);
    for (long i = 0; i < 500; i++) {
      assertThat(spool.offerWhenFull(event("p" + (i % 7), i))).isTrue();
    }
    // a sender's hand-over lands behind the callers' spills
    assertThat(spool.offerUndeliverable(List.of(event("p1", 500), event("p2", 501)))).isTrue();
    assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
    spool.close();

    Ledger second = ledger();
    DiskSpool reopened = open(dir, second);
    try {
      assertThat(reopened.backlogged()).isTrue();
      List<Operation> replayed = replayAll(reopened);
      assertThat(seqs(replayed)).isEqualTo(range(0, 502));
      assertThat(replayed.get(3).id()).isEqualTo(event("p3", 3).id());
      assertThat(reopened.corruptSkipped()).isZero();
      settle(replayed);
      assertThat(reopened.backlogged()).isFalse();
    } finally {
      reopened.close();
    }
  }

  @Test
  void segmentsAreDeletedOnceEveryRecordSettled() throws Exception {
    DiskSpool spool = DiskSpool.open(dir, ledger(), 2L * 1024 * 1024, FsyncPolicy.NEVER, Duration.ofSeconds(1), 100,
        Duration.ofMillis(100), Duration.ofMillis(200), "trackweave-spool-test");
    try {
      String pad = "y".repeat(1000);
      for (long i = 0; i < 1000; i++) {
        assertThat(spool.offerWhenFull(event("p", i, pad))).isTrue();
      }
      spool.persist(TimeUnit.SECONDS.toNanos(5));
      assertThat(segmentFiles()).hasSizeGreaterThan(1); // rolled by size (cap / 8)
      List<Operation> replayed = replayAll(spool);
      assertThat(seqs(replayed)).isEqualTo(range(0, 1000));
      assertThat(spool.bytes()).isPositive();
      settle(replayed.subList(0, 10));
      sleep(300);
      assertThat(segmentFiles()).isNotEmpty(); // unsettled records keep their segment
      settle(replayed.subList(10, 1000));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      List<Operation> more = new ArrayList<>();
      while (!segmentFiles().isEmpty() && System.nanoTime() < deadline) {
        spool.replay(more::add); // the batching thread calls this every interval; it notices the sealed end
        sleep(20);
      }
      assertThat(more).isEmpty();
      assertThat(segmentFiles()).isEmpty();
      assertThat(spool.bytes()).isZero();
      assertThat(spool.isEmpty()).isTrue();
    } finally {
      spool.close();
    }
  }

  @Test
  void tornTailIsSkippedAndCounted() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 50; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Path last = segmentFiles().get(segmentFiles().size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 5); // a crash in the middle of the last write
    }
    Ledger ledger = ledger();
    DiskSpool reopened = open(dir, ledger);
    try {
      List<Operation> replayed = replayAll(reopened);
      assertThat(seqs(replayed)).isEqualTo(range(0, 49));
      assertThat(reopened.corruptSkipped()).isEqualTo(1);
      assertThat(ledger.snapshot().droppedByReason()).containsEntry("spool_corrupt", 1L);
    } finally {
      reopened.close();
    }
  }

  @Test
  void flippedByteLosesOnlyItsRecord() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 100; i++) {
      spool.offerWhenFull(event("p", i, "padding-" + i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Path file = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(file);
    int recordSize = (bytes.length - Segment.HEADER_BYTES) / 100; // roughly: flip inside record ~40
    for (int target : new int[] {Segment.HEADER_BYTES + recordSize * 40 + recordSize / 2,
        Segment.HEADER_BYTES + recordSize * 70 + 5}) {
      bytes[target] ^= 0x5A;
    }
    Files.write(file, bytes);
    DiskSpool reopened = open(dir, ledger());
    try {
      List<Long> seqs = seqs(replayAll(reopened));
      assertThat(seqs).hasSize(98).doesNotHaveDuplicates().isSorted();
      assertThat(seqs).contains(0L, 39L, 41L, 69L, 71L, 99L);
      assertThat(reopened.corruptSkipped()).isEqualTo(2);
    } finally {
      reopened.close();
    }
  }

  @Test
  void aDamagedLengthIsResynchronisedByMarker() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 20; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Path file = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(file);
    // the first record's length field: make it claim far more than the file holds
    bytes[Segment.HEADER_BYTES + 4] = 0x00;
    bytes[Segment.HEADER_BYTES + 5] = 0x0F;
    Files.write(file, bytes);
    DiskSpool reopened = open(dir, ledger());
    try {
      assertThat(seqs(replayAll(reopened))).isEqualTo(range(1, 20));
      assertThat(reopened.corruptSkipped()).isEqualTo(1);
    } finally {
      reopened.close();
    }
  }

  @Test
  void garbageFileIsSkippedWithoutStoppingTheRest() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 10; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    // a later "segment" that is garbage: the records before it replay, the file counts as one damaged run
    Files.write(dir.resolve(Segment.fileName(1)), "not a spool segment at all".getBytes());
    DiskSpool reopened = open(dir, ledger());
    try {
      assertThat(seqs(replayAll(reopened))).isEqualTo(range(0, 10));
      assertThat(reopened.corruptSkipped()).isEqualTo(1);
    } finally {
      reopened.close();
    }
  }

  @Test
  void capIsHonouredAndOverflowIsCountedNeverThrown() throws Exception {
    Ledger ledger = ledger();
    long cap = 1024 * 1024;
    DiskSpool spool = open(dir, ledger, cap, FsyncPolicy.NEVER);
    try {
      String pad = "z".repeat(2000);
      int taken = 0;
      for (long i = 0; i < 5000; i++) {
        if (spool.offerWhenFull(event("p", i, pad))) {
          taken++;
        }
        if (i % 500 == 0) {
          spool.persist(TimeUnit.SECONDS.toNanos(5));
        }
      }
      spool.persist(TimeUnit.SECONDS.toNanos(5));
      assertThat(spool.bytes()).isLessThanOrEqualTo(cap);
      long onDisk = 0;
      for (Path p : segmentFiles()) {
        onDisk += Files.size(p);
      }
      assertThat(onDisk).isLessThanOrEqualTo(cap).isEqualTo(spool.bytes());
      long dropped = ledger.snapshot().droppedByReason().getOrDefault("spool_full", 0L);
      assertThat(dropped).isPositive();
      // what it took is either on disk or counted as dropped
      assertThat(spool.written() + dropped).isEqualTo(taken);
    } finally {
      spool.close();
    }
  }

  @Test
  void aSecondSpoolOnTheSameDirectoryIsRefused() throws Exception {
    DiskSpool first = open(dir, ledger());
    try {
      assertThatThrownBy(() -> open(dir, ledger()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    } finally {
      first.close();
    }
    DiskSpool again = open(dir, ledger()); // the lock is released on close
    again.close();
  }

  @Test
  void failedReplaysGoBackToTheSpoolAndPauseReplay() throws Exception {
    DiskSpool spool = open(dir, ledger());
    try {
      for (long i = 0; i < 10; i++) {
        spool.offerWhenFull(event("p", i));
      }
      spool.persist(TimeUnit.SECONDS.toNanos(5));
      List<Operation> first = new ArrayList<>();
      spool.replay(first::add);
      assertThat(seqs(first)).isEqualTo(range(0, 10));
      // delivery failed: the sender hands them back, then releases them
      spool.offerUndeliverable(first);
      settle(first);
      List<Operation> none = new ArrayList<>();
      spool.replay(none::add);
      assertThat(none).isEmpty(); // the circuit is open for the cooldown
      List<Operation> again = replayAll(spool);
      assertThat(seqs(again)).isEqualTo(range(0, 10));
      settle(again);
    } finally {
      spool.close();
    }
  }
}
