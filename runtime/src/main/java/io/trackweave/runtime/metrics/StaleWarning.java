package io.trackweave.runtime.metrics;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Summarises events sent when already older than 72 hours (after a long outage, or a replay of an old
 * spool), at most once per period: Customer.io records them, but triggers no campaign from them, so a
 * cart-recovery or post-purchase journey silently misses those people. Counting is any thread's,
 * logging the batching thread's (and close's), as for the other warnings.
 */
public final class StaleWarning {
  private record Latest(String event, long timestamp) {}

  private final long periodNanos;
  private final LongSupplier nanoClock;
  private final LogSink sink;
  private final LongAdder since = new LongAdder();
  private volatile Latest latest;
  private long nextWarning;

  public StaleWarning(long periodNanos, LongSupplier nanoClock, LogSink sink) {
    this.periodNanos = periodNanos;
    this.nanoClock = nanoClock;
    this.sink = sink;
    this.nextWarning = nanoClock.getAsLong();
  }

  /** Counts one event sent after its trigger window. Never logs, never blocks. */
  public void stale(String event, long timestampSeconds) {
    since.increment();
    latest = new Latest(event, timestampSeconds);
  }

  public synchronized void emit() {
    long now = nanoClock.getAsLong();
    if (now - nextWarning >= 0 && since.sum() > 0) {
      nextWarning = now + periodNanos;
      warn(since.sumThenReset());
    }
  }

  public synchronized void emitNow() {
    long count = since.sumThenReset();
    if (count > 0) {
      nextWarning = nanoClock.getAsLong() + periodNanos;
      warn(count);
    }
  }

  private void warn(long count) {
    Latest l = latest;
    String which = l == null ? "" : " (latest: '" + l.event() + "' of " + Instant.ofEpochSecond(l.timestamp()) + ")";
    sink.log(Level.WARNING, "Trackweave: " + count + " event(s) were older than 72 hours when sent" + which
        + ": Customer.io records them but triggers no campaign from them");
  }
}
