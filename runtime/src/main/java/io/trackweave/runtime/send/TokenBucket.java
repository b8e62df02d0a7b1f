package io.trackweave.runtime.send;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket for requests: {@code rate} tokens a second, holding at most one second's worth.
 * {@link #reserve()} never refuses; it answers how long the sender must wait for its token, so waits
 * queue up fairly. Only sender threads use it; callers never wait on it.
 */
public final class TokenBucket {
  private static final ConcurrentHashMap<String, TokenBucket> SHARED = new ConcurrentHashMap<>();

  private final double tokensPerNano;
  private final double capacity;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  public TokenBucket(double ratePerSecond, LongSupplier nanoClock) {
    this.tokensPerNano = ratePerSecond / 1e9;
    this.capacity = Math.max(1, ratePerSecond);
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.last = nanoClock.getAsLong();
  }

  /**
   * The bucket shared by every runtime in this process that sends to the same workspace at the same
   * endpoint: Customer.io's limit is per workspace, not per client object.
   */
  public static TokenBucket shared(String endpoint, String siteId, double ratePerSecond) {
    String key = endpoint + "|" + siteId + "|" + ratePerSecond;
    return SHARED.computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, System::nanoTime));
  }

  /** Takes one token; returns the nanoseconds to wait before using it (0 when one was available). */
  public synchronized long reserve() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
    last = now;
    tokens -= 1;
    if (tokens >= 0) {
      return 0;
    }
    return (long) Math.ceil(-tokens / tokensPerNano);
  }
}
