package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limit on a fake clock: decisions, not timings. */
class TokenBucketTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void aFullBucketAllowsOneSecondsWorthThenSpacesRequestsByTheRate() {
    TokenBucket bucket = new TokenBucket(10, now::get);
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.reserve()).isZero();
    }
    assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200)); // the two reserved tokens have accrued
    assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void idleTimeRefillsButNeverBeyondCapacity() {
    TokenBucket bucket = new TokenBucket(2, now::get);
    bucket.reserve();
    bucket.reserve();
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isZero();
    assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
  }

  @Test
  void runtimesOfOneWorkspaceAndEndpointShareOneBucket() {
    assertThat(TokenBucket.shared("https://track.customer.io", "site", 100))
        .isSameAs(TokenBucket.shared("https://track.customer.io", "site", 100))
        .isNotSameAs(TokenBucket.shared("https://track.customer.io", "other-site", 100));
  }
}
