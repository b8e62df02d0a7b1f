package io.trackweave.runtime.internal.metrics;

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

  private final Pace pace;
  private final LogSink sink;
  private final LongAdder since = new LongAdder();
  private volatile Latest latest;

  public StaleWarning(long periodNanos, LongSupplier nanoClock, LogSink sink) {
    this.pace = new Pace(periodNanos, nanoClock);
    this.sink = sink;
  }

  /** Counts one event sent after its trigger window. Never logs, never blocks. */
  public void stale(String event, long timestampSeconds) {
    since.increment();
    latest = new Latest(event, timestampSeconds);
  }

  public synchronized void emit() {
    if (since.sum() > 0 && pace.due()) {
      warn(since.sumThenReset());
    }
  }

  public synchronized void emitNow() {
    long count = since.sumThenReset();
    if (count > 0) {
      pace.wrote();
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
