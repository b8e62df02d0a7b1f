package io.trackweave.relay;

import io.trackweave.runtime.internal.send.TokenBucket;

/**
 * One workspace's request budget, split across the relays of a group by the share of the topic's
 * partitions each holds: a relay with 3 of 12 partitions may send a quarter of {@code rate.limit}. Since
 * every partition is held by exactly one relay, the shares add up to the whole budget, whatever the
 * number of relays. Recomputed on every rebalance. Poll thread only.
 */
final class FleetBudget {
  /** The smallest rate a bucket gets while this relay holds no partition (it sends nothing then). */
  private static final double IDLE_RATE = 0.01;

  private final double workspaceRate;
  private final TokenBucket bucket;
  private volatile double share;

  FleetBudget(double workspaceRate, TokenBucket bucket) {
    this.workspaceRate = workspaceRate;
    this.bucket = bucket;
  }

  /** Sets this relay's rate for holding {@code held} of {@code total} partitions; returns it. */
  double rebalanced(int held, int total) {
    double r = rateFor(workspaceRate, held, total);
    share = r;
    bucket.rate(Math.max(IDLE_RATE, r));
    return r;
  }

  static double rateFor(double workspaceRate, int held, int total) {
    if (held <= 0 || total <= 0) {
      return 0;
    }
    return workspaceRate * Math.min(held, total) / total;
  }

  /** Requests per second this relay may send now. */
  double share() {
    return share;
  }

  double workspaceRate() {
    return workspaceRate;
  }
}
