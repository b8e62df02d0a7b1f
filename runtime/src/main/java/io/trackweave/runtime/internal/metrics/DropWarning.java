package io.trackweave.runtime.internal.metrics;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Summarises dropped calls in a warning at most once per period, with how many were dropped since the
 * last one and the latest reason. Split in two halves so no caller ever logs: {@link #dropped} (any
 * thread, including a caller's: one {@link LongAdder} add and a volatile write) only counts, and
 * {@link #emit} (the batching thread's loop, and {@code close}) writes the summary when one is due.
 *
 * <p>In-process duplicates (reason {@code duplicate}) are what a dedupe key is for, not a problem: they
 * are summarised at DEBUG only.
 */
public final class DropWarning {
  static final String DUPLICATE = "duplicate";

  private final Pace warnings;
  private final Pace debugs;
  private final LogSink sink;
  private final LongAdder since = new LongAdder();
  private final LongAdder duplicatesSince = new LongAdder();
  private volatile String lastReason = "";

  public DropWarning(long periodNanos, LongSupplier nanoClock, LogSink sink) {
    this.warnings = new Pace(periodNanos, nanoClock);
    this.debugs = new Pace(periodNanos, nanoClock);
    this.sink = sink;
  }

  /** Counts {@code n} dropped calls. Never logs, never blocks: safe on a caller's thread. */
  public void dropped(String reason, int n) {
    if (DUPLICATE.equals(reason)) {
      duplicatesSince.add(n);
      return;
    }
    since.add(n);
    lastReason = reason;
  }

  /** Logs the summary if drops were counted and the period since the last warning has passed. */
  public synchronized void emit() {
    if (since.sum() > 0 && warnings.due()) {
      warn(since.sumThenReset());
    }
    if (duplicatesSince.sum() > 0 && debugs.due()) {
      debug(duplicatesSince.sumThenReset());
    }
  }

  /** Logs whatever is counted now, due or not (the runtime is closing: there is no later). */
  public synchronized void emitNow() {
    long count = since.sumThenReset();
    if (count > 0) {
      warnings.wrote();
      warn(count);
    }
    long duplicates = duplicatesSince.sumThenReset();
    if (duplicates > 0) {
      debug(duplicates);
    }
  }

  private void warn(long count) {
    sink.log(Level.WARNING, "Trackweave dropped " + count + " call(s) (latest reason: " + lastReason
        + "); see the runtime's metrics for counts by reason");
  }

  private void debug(long duplicates) {
    sink.log(Level.DEBUG, "Trackweave: " + duplicates + " in-process duplicate(s) (same dedupe key) not sent again");
  }
}
