package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.event;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.ledger;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.open;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.replayAll;
import static io.trackweave.runtime.internal.spool.SpoolFixtures.spoolThreadTurn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.runtime.LogRecorder;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.io.RandomAccessFile;
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

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskSpoolTest {
  @TempDir Path dir;

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
      List<Path> written = segmentFiles();
      assertThat(written).hasSizeGreaterThan(1); // rolled by size (cap / 8)
      List<Operation> replayed = replayAll(spool);
      assertThat(seqs(replayed)).isEqualTo(range(0, 1000));
      assertThat(spool.bytes()).isPositive();
      settle(replayed.subList(0, 10));
      spoolThreadTurn(spool);
      assertThat(segmentFiles()).isNotEmpty().isEqualTo(written); // unsettled records keep their segment
      settle(replayed.subList(10, 1000));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      List<Operation> more = new ArrayList<>();
      while (!segmentFiles().isEmpty() && System.nanoTime() < deadline) {
        spool.replay(more::add); // the batching thread calls this every interval; it notices the sealed end
        // the spool thread seals the segment the reader caught up with when it is idle, then deletes it
        // once replay has seen its end: wait for its turns, not for time
        spoolThreadTurn(spool);
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
  void aDamagedHeaderLosesOnlyTheHeaderNotTheRecordsAfterIt() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 1000; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Path file = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] = 'X'; // the magic
    bytes[2] = 0;
    Files.write(file, bytes);
    Ledger ledger = ledger();
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      DiskSpool reopened = open(dir, ledger);
      try {
        List<Operation> replayed = replayAll(reopened);
        assertThat(seqs(replayed)).isEqualTo(range(0, 1000));
        assertThat(reopened.corruptSkipped()).isEqualTo(1); // the header: one damaged run
        assertThat(ledger.snapshot().droppedByReason()).containsEntry("spool_corrupt", 1L);
        assertThat(log.at(Level.WARNING)).anySatisfy(e ->
            assertThat(e.message()).contains(file.getFileName().toString(), "damaged header"));
        settle(replayed);
      } finally {
        reopened.close();
      }
    }
  }

  @Test
  void aDamagedHeaderFollowedByGarbageCountsOneRunAndReplaysWhatFollows() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 30; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Path file = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(file);
    int recordSize = (bytes.length - Segment.HEADER_BYTES) / 30;
    for (int i = 0; i < Segment.HEADER_BYTES + recordSize * 3 + 1; i++) {
      bytes[i] = (byte) (i * 31); // the header and the first three records
    }
    Files.write(file, bytes);
    DiskSpool reopened = open(dir, ledger());
    try {
      assertThat(seqs(replayAll(reopened))).isEqualTo(range(4, 30));
      assertThat(reopened.corruptSkipped()).isEqualTo(1);
    } finally {
      reopened.close();
    }
  }

  @Test
  void aDirectoryNamedLikeASegmentIsLeftAloneAndNewCallsStillFlow() throws Exception {
    Path stray = Files.createDirectories(dir.resolve(Segment.fileName(0)));
    Path later = Files.createDirectories(dir.resolve(Segment.fileName(7)));
    Files.writeString(later.resolve("inside"), "someone else's");
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      DiskSpool spool = open(dir, ledger());
      try {
        for (long i = 0; i < 20; i++) {
          assertThat(spool.offerWhenFull(event("p", i))).isTrue();
        }
        assertThat(spool.persist(TimeUnit.SECONDS.toNanos(5))).isTrue();
        List<Operation> replayed = replayAll(spool);
        assertThat(seqs(replayed)).isEqualTo(range(0, 20));
        assertThat(spool.corruptSkipped()).isZero();
        settle(replayed);
        assertThat(log.at(Level.WARNING)).anySatisfy(e ->
            assertThat(e.message()).contains(Segment.fileName(7), "not a regular file"));
      } finally {
        spool.close();
      }
    }
    assertThat(stray).isDirectory();
    assertThat(later.resolve("inside")).hasContent("someone else's");
    assertThat(segmentFiles()).allMatch(p -> Segment.parseSequence(p.getFileName().toString()) > 7
        || Files.isDirectory(p));
  }

  @Test
  void aSegmentOfANewerFormatIsKeptUntouchedAndNothingOfItIsReplayed() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 10; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Path file = segmentFiles().get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[5] = (byte) (Segment.FORMAT_VERSION + 1); // as a later release would write it
    Files.write(file, bytes);
    Ledger ledger = ledger();
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      DiskSpool reopened = open(dir, ledger);
      try {
        assertThat(replayAll(reopened)).isEmpty();
        assertThat(reopened.corruptSkipped()).isZero();
        assertThat(ledger.snapshot().droppedByReason()).isEmpty();
        assertThat(log.at(Level.WARNING)).anySatisfy(e -> assertThat(e.message())
            .contains(file.getFileName().toString(), "newer", "format " + (Segment.FORMAT_VERSION + 1),
                "format " + Segment.FORMAT_VERSION, "kept"));
        // this release's own calls go to a new segment and flow as usual
        for (long i = 10; i < 15; i++) {
          reopened.offerWhenFull(event("p", i));
        }
        reopened.persist(TimeUnit.SECONDS.toNanos(5));
        List<Operation> mine = replayAll(reopened);
        assertThat(seqs(mine)).isEqualTo(range(10, 15));
        settle(mine);
        spoolThreadTurn(reopened); // the spool thread deletes settled segments; the newer one must survive it
        assertThat(reopened.bytes()).isLessThan(bytes.length); // not counted against this spool's cap
      } finally {
        reopened.close();
      }
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void recordsOfANewerVersionAreNotMisreadAndTheirSegmentIsKept() throws Exception {
    OperationCodec codec = new OperationCodec();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(Segment.header(0));
    for (long i = 0; i < 3; i++) {
      codec.encode(event("p", i));
      byte[] payload = codec.toByteArray();
      payload[0] = OperationCodec.VERSION + 1; // a record version this release does not know
      byte[] frame = new byte[Segment.FRAME_BYTES + payload.length];
      Segment.putInt(frame, 0, Segment.MARKER);
      Segment.putInt(frame, 4, payload.length);
      System.arraycopy(payload, 0, frame, Segment.FRAME_BYTES, payload.length);
      Segment.putInt(frame, 8, Segment.checksum(crc, frame, 0, payload.length));
      out.write(frame);
    }
    Path file = dir.resolve(Segment.fileName(0));
    Files.write(file, out.toByteArray());
    Ledger ledger = ledger();
    try (LogRecorder log = new LogRecorder("io.trackweave.runtime.spool")) {
      DiskSpool spool = open(dir, ledger);
      try {
        assertThat(replayAll(spool)).isEmpty();
        assertThat(spool.corruptSkipped()).isZero();
        assertThat(ledger.snapshot().droppedByReason()).isEmpty();
        assertThat(log.at(Level.WARNING)).anySatisfy(e -> assertThat(e.message())
            .contains(file.getFileName().toString(), "version " + (OperationCodec.VERSION + 1), "kept"));
        spool.offerWhenFull(event("p", 3));
        spool.persist(TimeUnit.SECONDS.toNanos(5));
        List<Operation> mine = replayAll(spool);
        assertThat(seqs(mine)).containsExactly(3L);
        settle(mine);
        spoolThreadTurn(spool); // the spool thread deletes settled segments; the newer one must survive it
      } finally {
        spool.close();
      }
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(out.toByteArray());
  }

  @Test
  void aSegmentDeletedBehindTheSpoolsBackIsCountedAndDoesNotWedgeIt() throws Exception {
    DiskSpool spool = open(dir, ledger());
    for (long i = 0; i < 10; i++) {
      spool.offerWhenFull(event("p", i));
    }
    spool.persist(TimeUnit.SECONDS.toNanos(5));
    spool.close();
    Ledger ledger = ledger();
    DiskSpool reopened = open(dir, ledger);
    try {
      Files.delete(segmentFiles().get(0)); // a /tmp cleaner, between recovery and replay
      for (long i = 10; i < 20; i++) {
        reopened.offerWhenFull(event("p", i));
      }
      reopened.persist(TimeUnit.SECONDS.toNanos(5));
      List<Operation> replayed = replayAll(reopened);
      assertThat(seqs(replayed)).isEqualTo(range(10, 20));
      assertThat(reopened.corruptSkipped()).isEqualTo(1);
      assertThat(ledger.snapshot().droppedByReason()).containsEntry("spool_corrupt", 1L);
      settle(replayed);
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
    AtomicLong now = new AtomicLong(-7_000_000_000L); // nanoTime's origin is arbitrary, even negative
    DiskSpool spool = open(dir, ledger(), now::get);
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
      assertThat(none).isEmpty(); // the circuit is open for the cooldown (100 ms)
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(99));
      spool.replay(none::add);
      assertThat(none).isEmpty();
      now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
      List<Operation> again = new ArrayList<>();
      spool.replay(again::add); // a probe of up to 100: all ten, back in read order
      assertThat(seqs(again)).isEqualTo(range(0, 10));
      settle(again);
      assertThat(spool.isEmpty()).isTrue();
    } finally {
      spool.close();
    }
  }
}
