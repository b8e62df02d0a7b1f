package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.Overflow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The disk spool: an {@link Overflow} that appends operations to checksummed segment files and replays
 * them, in the order they were spilled, once Customer.io answers again, including after a restart.
 *
 * <p>Its parts, one job each: {@link Segments} (the files on disk, and what an earlier run left);
 * {@link SpoolWriter}, the daemon thread {@code trackweave-spool} that callers and senders hand
 * operations to (no I/O, no blocking on their side); {@link SegmentWriter}, which that thread uses to
 * encode, write, fsync (per {@link FsyncPolicy}) and roll segments by size; {@link Replay}, which the
 * batching thread uses to read records back, paced by the {@link ReplayCircuit}. A segment is deleted
 * once every record in it has settled, so a crash while replaying replays it again (same event id:
 * Customer.io drops the duplicate). Timing follows the injected {@code nanoClock}.
 *
 * <p>Bounds: the hand-off holds at most {@value SpoolWriter#HANDOFF_MAX_OPERATIONS} operations or {@value
 * SpoolWriter#HANDOFF_MAX_BYTES} estimated bytes; the files at most {@code spool.max.bytes}; beyond that
 * calls are dropped and counted ({@code spool_full}). A lock file keeps a second process out of the
 * directory.
 *
 * <p>Failures: a write, fsync or new segment that fails (a full disk) drops the calls it held, counted
 * as {@code spool_write_failed} and logged once per outage (then at most every 30 s, and once when
 * writing works again); the thread lives on and retries with later calls every second. A damaged
 * segment loses only its damaged bytes; a segment of a newer format (written by a later release) is
 * kept untouched for that release; anything in the directory that is not a regular file is left alone.
 */
public final class DiskSpool implements Overflow, Ledger.SpoolGauge {
  private static final String LOCK_FILE = "spool.lock";
  private static final long UNDELIVERABLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** How long close waits for the spool thread when the runtime gave no deadline. */
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Ledger ledger;
  private final long maxBytes;
  private final LongSupplier nanoClock;
  private final Segments segments;
  private final SegmentWriter out;
  private final SpoolWriter writer;
  private final Replay replay;
  private volatile boolean closed;
  /** The runtime's close deadline (on {@link #nanoClock}) once it is closing; no wait in here outlasts it. */
  private volatile long shutdownDeadline;
  private volatile boolean shutdownDeadlineSet;

  private DiskSpool(Path dir, SpoolLock lock, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName, LongSupplier nanoClock,
      SegmentFiles files) throws IOException {
    this.ledger = ledger;
    this.maxBytes = maxBytes;
    this.nanoClock = nanoClock;
    ReplayCircuit circuit = new ReplayCircuit(nanoClock, probeOperations, cooldownInitial.toNanos(), cooldownMax.toNanos());
    this.segments = Segments.recover(dir);
    this.out = new SegmentWriter(segments, ledger, maxBytes, fsync, fsyncInterval.toNanos(), nanoClock, files);
    this.writer = new SpoolWriter(out, segments, ledger, lock, threadName);
    this.replay = new Replay(segments, ledger, writer, circuit);
    writer.start();
  }

  /**
   * Opens (creating it) and locks {@code settings}' directory, and starts the spool thread. Segments left
   * by an earlier process are replayed first. Its timing (replay pauses, fsync interval, write retries,
   * the {@link #shutdownBy} deadline) follows {@code nanoClock}, a {@link System#nanoTime()}-like clock.
   *
   * @throws IOException when the directory cannot be created or another process holds it
   */
  public static DiskSpool open(SpoolSettings settings, Ledger ledger, LongSupplier nanoClock) throws IOException {
    return open(settings.directory(), ledger, settings.maxBytes(), settings.fsync(), settings.fsyncInterval(),
        settings.probeOperations(), settings.cooldownInitial(), settings.cooldownMax(), settings.threadName(),
        nanoClock);
  }

  /** Opens a spool with explicit settings (tests, tools). */
  public static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName) throws IOException {
    return open(dir, ledger, maxBytes, fsync, fsyncInterval, probeOperations, cooldownInitial, cooldownMax, threadName,
        System::nanoTime);
  }

  /**
   * Opens a spool with explicit settings whose timing (replay pauses, fsync interval, retries after a
   * failed write, the close deadline given to {@link #shutdownBy}) follows {@code nanoClock}, a
   * {@link System#nanoTime()}-like clock.
   */
  public static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName, LongSupplier nanoClock)
      throws IOException {
    return open(dir, ledger, maxBytes, fsync, fsyncInterval, probeOperations, cooldownInitial, cooldownMax, threadName,
        nanoClock, SegmentFiles.REAL);
  }

  static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName, LongSupplier nanoClock,
      SegmentFiles files) throws IOException {
    OwnerOnly.createDirectories(dir);
    SpoolLock lock = SpoolLock.acquire(dir.resolve(LOCK_FILE));
    try {
      return new DiskSpool(dir, lock, ledger, maxBytes, fsync, fsyncInterval, probeOperations, cooldownInitial,
          cooldownMax, threadName, nanoClock, files);
    } catch (IOException | RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  public Path directory() {
    return segments.directory();
  }

  // ---- Overflow: hand-over (callers, senders) ----

  @Override
  public boolean offerWhenFull(Operation op) {
    if (writer.closing()) {
      return false;
    }
    if (segments.bytes() >= maxBytes) {
      // taken and dropped here, counted once: the caller counts it as spilled, the ledger as dropped
      ledger.droppedBySpool("spool_full", 1);
      return true;
    }
    return writer.offer(op);
  }

  @Override
  public boolean offerUndeliverable(List<Operation> ops) {
    if (writer.closing()) {
      return false;
    }
    boolean replayedOnes = false;
    boolean fresh = false;
    for (Operation op : ops) {
      if (replay.bounce(op)) {
        // read from the spool: its record stays; it goes back ahead of everything unread, in order
        replayedOnes = true;
        continue;
      }
      fresh = true;
      writer.add(op);
    }
    replay.trip(replayedOnes);
    if (fresh) {
      // backpressure and durability for the sender: return once written (and synced with ALWAYS), but
      // never past the runtime's close deadline; the operations are the spool's either way
      writer.awaitWritten(boundedByShutdown(UNDELIVERABLE_WAIT_NANOS));
    }
    return true;
  }

  @Override
  public void holdReplay(long nanos) {
    replay.hold(nanos);
  }

  @Override
  public void shutdownBy(long deadlineNanos) {
    shutdownDeadline = deadlineNanos;
    shutdownDeadlineSet = true;
  }

  /** {@code nanos}, or less when the runtime's close deadline comes sooner. */
  private long boundedByShutdown(long nanos) {
    if (!shutdownDeadlineSet) {
      return nanos;
    }
    return Math.max(0, Math.min(nanos, shutdownDeadline - nanoClock.getAsLong()));
  }

  @Override
  public boolean backlogged() {
    return writer.holding() || segments.unread() || replay.requeued();
  }

  @Override
  public boolean persist(long timeoutNanos) {
    return writer.persist(timeoutNanos);
  }

  // ---- Overflow: replay (batching thread) ----

  @Override
  public int replay(Predicate<Operation> into) {
    return replay.replay(into);
  }

  // ---- lifecycle and gauges ----

  /**
   * Writes what was handed over, fsyncs (unless {@code never}), closes the files and releases the lock.
   * Waits for the spool thread until the {@link #shutdownBy} deadline (10 s without one). The lock is
   * released only once that thread has ended: if it is still writing at the deadline, it releases the
   * lock itself when done, so another process never opens files still being written.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    writer.close(boundedByShutdown(CLOSE_WAIT_NANOS));
    closed = true;
    replay.closeReader();
  }

  /** True once the directory's lock is released (tests). */
  boolean lockReleased() {
    return writer.lockReleased();
  }

  @Override
  public long replayed() {
    return replay.replayed();
  }

  @Override
  public long corruptSkipped() {
    return replay.corruptSkipped();
  }

  @Override
  public long bytes() {
    return segments.bytes();
  }

  /** Records written since open. */
  public long written() {
    return out.written();
  }

  /** True when nothing is waiting in the hand-off or on disk unread, and nothing replayed is unsettled. */
  public boolean isEmpty() {
    return !backlogged() && replay.idle();
  }

  @Override
  public String toString() {
    return "DiskSpool{" + segments.directory() + ", " + segments.bytes() + " bytes}";
  }
}
