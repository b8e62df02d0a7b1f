package io.trackweave.runtime.internal.send;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before retry {@code n} wait a uniform random time in {@code [0,
 * min(max, initial * 2^(n-1))]}, which spreads many clients' retries apart.
 */
public final class Backoff {
  private final long initialNanos;
  private final long maxNanos;

  public Backoff(Duration initial, Duration max) {
    this.initialNanos = Math.max(1, initial.toNanos());
    this.maxNanos = Math.max(initialNanos, max.toNanos());
  }

  /** The ceiling before retry {@code attempt} (1 = the first retry). */
  public long ceilingNanos(int attempt) {
    int shift = Math.min(Math.max(0, attempt - 1), 40);
    long c = initialNanos << shift;
    return c <= 0 || c > maxNanos || (c >> shift) != initialNanos ? maxNanos : c;
  }

  public long delayNanos(int attempt) {
    return ThreadLocalRandom.current().nextLong(ceilingNanos(attempt) + 1);
  }
}
