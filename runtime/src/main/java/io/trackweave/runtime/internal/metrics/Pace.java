package io.trackweave.runtime.internal.metrics;

import java.util.function.LongSupplier;

/**
 * "At most once per period", for the rate-limited summaries: the first one is due at once, each one
 * written makes the next due a period later. On an injected clock, so its tests move time by hand.
 */
final class Pace {
  private final long periodNanos;
  private final LongSupplier nanoClock;
  private long next; // guarded by this

  Pace(long periodNanos, LongSupplier nanoClock) {
    this.periodNanos = periodNanos;
    this.nanoClock = nanoClock;
    this.next = nanoClock.getAsLong();
  }

  /** True when a summary may be written now; the next one is then due a period later. */
  synchronized boolean due() {
    long now = nanoClock.getAsLong();
    if (now - next < 0) {
      return false;
    }
    next = now + periodNanos;
    return true;
  }

  /** A summary was written regardless (the runtime is closing): the next is due a period from now. */
  synchronized void wrote() {
    next = nanoClock.getAsLong() + periodNanos;
  }
}
