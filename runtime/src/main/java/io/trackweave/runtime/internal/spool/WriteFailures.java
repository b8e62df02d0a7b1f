package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the spool thread does when the disk fails it (typically: full). A failed write costs the calls
 * it held, counted as {@code spool_write_failed}; the first failure of an outage is logged with its
 * cause, then at most every {@link #LOG_PERIOD_NANOS} with the count so far, and the end of the outage
 * once. For {@link #RETRY_NANOS} after a failure later calls are dropped the same way without touching
 * the disk. A failed fsync loses nothing written (it is logged, rate-limited, and not an outage).
 *
 * <p>Spool thread only.
 */
final class WriteFailures {
  static final String REASON = "spool_write_failed";
  /** After a failed write, later calls are dropped without touching the disk until this has passed. */
  static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** While writes keep failing, the reason is logged again at most this often. */
  static final long LOG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);

  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime.spool");

  private final Path dir;
  private final Ledger ledger;
  private final LongSupplier nanoClock;
  private boolean failing;
  private long retryAt;
  private long nextLog;
  private long droppedWhileFailing;
  private long syncFailures;
  private long nextSyncLog;

  WriteFailures(Path dir, Ledger ledger, LongSupplier nanoClock) {
    this.dir = dir;
    this.ledger = ledger;
    this.nanoClock = nanoClock;
  }

  /** True for a moment after a failed write: the next call is to be dropped ({@link #drop}), not written. */
  boolean pausing() {
    return failing && nanoClock.getAsLong() - retryAt < 0;
  }

  /** {@code what} ("writing <file>", "creating <file>") failed with {@code e}, losing {@code lost} calls. */
  void failed(String what, Exception e, int lost) {
    long now = nanoClock.getAsLong();
    retryAt = now + RETRY_NANOS;
    if (!failing) {
      failing = true;
      droppedWhileFailing = 0;
      nextLog = now + LOG_PERIOD_NANOS;
      LOG.log(Level.WARNING, "Trackweave spool {0}: {1} failed ({2}); spilled calls are dropped and counted"
          + " (spool_write_failed) until a write succeeds again, retried every second", dir, what, e.toString());
    } else if (now - nextLog >= 0) {
      nextLog = now + LOG_PERIOD_NANOS;
      LOG.log(Level.WARNING, "Trackweave spool {0}: {1} still fails ({2}); {3} spilled call(s) dropped"
          + " (spool_write_failed) so far", dir, what, e.toString(), droppedWhileFailing + lost);
    }
    drop(lost);
  }

  /** Drops {@code operations} calls for the failure in progress. */
  void drop(int operations) {
    if (operations > 0) {
      droppedWhileFailing += operations;
      ledger.droppedBySpool(REASON, operations);
    }
  }

  /** A write succeeded: an outage in progress is over. */
  void succeeded() {
    if (failing) {
      failing = false;
      LOG.log(Level.INFO, "Trackweave spool {0}: writing works again; {1} spilled call(s) were dropped"
          + " (spool_write_failed) while it failed", dir, droppedWhileFailing);
    }
  }

  /** An fsync of {@code segment} failed: what was written stays (and is replayed), only its durability is lost. */
  void syncFailed(Segment segment, Exception e) {
    long now = nanoClock.getAsLong();
    if (syncFailures++ == 0 || now - nextSyncLog >= 0) {
      nextSyncLog = now + LOG_PERIOD_NANOS;
      LOG.log(Level.WARNING, "Trackweave spool {0}: fsync of {1} failed ({2}; {3} time(s) so far); what was"
          + " written is kept and replayed, but an OS crash could take it; writing goes on in a new segment",
          dir, segment, e.toString(), syncFailures);
    }
  }
}
