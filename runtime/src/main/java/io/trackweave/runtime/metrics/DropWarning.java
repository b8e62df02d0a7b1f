package io.trackweave.runtime.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Logs a warning when calls are dropped, at most once per period, with how many were dropped since the
 * last warning. Counting costs a {@link LongAdder} increment and one volatile read on the hot path.
 */
public final class DropWarning {
  private static final Logger LOG = System.getLogger("io.trackweave.runtime");

  private final long periodNanos;
  private final LongSupplier nanoClock;
  private final LongAdder since = new LongAdder();
  private final AtomicLong nextWarning;
  private volatile String lastReason = "";

  public DropWarning(long periodNanos, LongSupplier nanoClock) {
    this.periodNanos = periodNanos;
    this.nanoClock = nanoClock;
    this.nextWarning = new AtomicLong(nanoClock.getAsLong());
  }

  public void dropped(String reason, int n) {
    since.add(n);
    lastReason = reason;
    long now = nanoClock.getAsLong();
    long next = nextWarning.get();
    if (now - next >= 0 && nextWarning.compareAndSet(next, now + periodNanos)) {
      long count = since.sumThenReset();
      try {
        LOG.log(Level.WARNING, "Trackweave dropped {0} call(s) (latest reason: {1}); see the runtime''s metrics for counts by reason",
            count, lastReason);
      } catch (Throwable ignored) {
        // logging never breaks the caller
      }
    }
  }
}
