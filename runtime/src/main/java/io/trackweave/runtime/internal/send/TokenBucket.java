package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.concurrent.Clocks;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket for requests: {@code rate} tokens a second, holding at most one second's worth.
 * {@link #reserve()} never refuses; it answers how long the sender must wait for its token, so waits
 * queue up fairly. Only sender threads use it; callers never wait on it.
 */
public final class TokenBucket {
  private static final ConcurrentHashMap<String, TokenBucket> SHARED = new ConcurrentHashMap<>();

  private double tokensPerNano; // guarded by this
  private double capacity; // guarded by this
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
    TokenBucket shared = SHARED.get(key);
    if (shared != null) {
      return shared;
    }
    TokenBucket made = new TokenBucket(ratePerSecond, Clocks.NANO_TIME); // no lambda: see Clocks
    TokenBucket raced = SHARED.putIfAbsent(key, made);
    return raced != null ? raced : made;
  }

  /**
   * Changes the rate from now on (the relay's share of the workspace budget after a rebalance); the
   * tokens held are capped at the new second's worth.
   */
  public synchronized void rate(double ratePerSecond) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
    last = now;
    tokensPerNano = ratePerSecond / 1e9;
    capacity = Math.max(1, ratePerSecond);
    tokens = Math.min(tokens, capacity);
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
