package io.trackweave.runtime.internal.metrics;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Summarises tracking-plan violations (a woven mapper found a value the plan does not allow) in a
 * warning at most once per period: how many since the last one, and the latest event, property and
 * problem. Like {@link DropWarning}, {@link #violation} only counts (a caller's thread) and
 * {@link #emit} logs (the batching thread).
 */
public final class ViolationWarning {
  private record Latest(String event, String property, String problem) {}

  private final Pace pace;
  private final LogSink sink;
  private final LongAdder since = new LongAdder();
  private volatile Latest latest;

  public ViolationWarning(long periodNanos, LongSupplier nanoClock, LogSink sink) {
    this.pace = new Pace(periodNanos, nanoClock);
    this.sink = sink;
  }

  /** Counts one violation and remembers it as the latest. Never logs, never blocks. */
  public void violation(String event, String property, String problem) {
    since.increment();
    latest = new Latest(event, property, problem);
  }

  /** Logs the summary if violations were counted and the period since the last warning has passed. */
  public synchronized void emit() {
    if (since.sum() > 0 && pace.due()) {
      warn(since.sumThenReset());
    }
  }

  /** Logs whatever is counted now, due or not (the runtime is closing). */
  public synchronized void emitNow() {
    long count = since.sumThenReset();
    if (count > 0) {
      pace.wrote();
      warn(count);
    }
  }

  private void warn(long count) {
    Latest l = latest;
    String where = l == null ? "" : "; latest: " + l.event() + "." + l.property() + ": " + l.problem();
    sink.log(Level.WARNING, "Trackweave: " + count + " tracking plan violation(s)" + where
        + " (the calls were still sent; see the runtime's violations metric)");
  }
}
