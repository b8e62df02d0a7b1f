package io.trackweave.runtime.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.internal.operation.Ulid;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DedupeFilterTest {
  @Test
  void secondSightingIsADuplicateAndForgetUndoesIt() {
    DedupeFilter f = new DedupeFilter(1024);
    long h = Ulid.hashHigh("e", "k");
    long l = Ulid.hashLow("e", "k");
    assertThat(f.firstSighting(h, l)).isTrue();
    assertThat(f.firstSighting(h, l)).isFalse();
    f.forget(h, l);
    assertThat(f.firstSighting(h, l)).isTrue();
  }

  @Test
  void forgetKeepsTheSetOldestFirstSoEvictionTakesTheOldest() {
    DedupeFilter f = new DedupeFilter(64); // 8 sets of 8 ways
    // twelve keys that fall in one set, in insertion order
    long[] high = new long[12];
    int found = 0;
    int target = f.set(1);
    for (long h = 1; found < high.length; h++) {
      if (f.set(h) == target) {
        high[found++] = h;
      }
    }
    for (int i = 0; i < 8; i++) {
      assertThat(f.firstSighting(high[i], 100 + i)).isTrue(); // A..H fill the set
    }
    f.forget(high[2], 102); // C was dropped
    for (int i = 8; i < 12; i++) {
      assertThat(f.firstSighting(high[i], 100 + i)).isTrue(); // I, then J, K, L evict A, B, D
    }
    // I is the newest but one of the old keys: it must still be remembered, D (older) forgotten
    assertThat(f.firstSighting(high[8], 108)).isFalse();
    assertThat(f.firstSighting(high[3], 103)).isTrue();
  }

  @Test
  void memoryIsBoundedAndOldKeysAreEventuallyForgotten() {
    DedupeFilter f = new DedupeFilter(1000);
    assertThat(f.capacity()).isEqualTo(1024);
    long h = Ulid.hashHigh("e", "first");
    long l = Ulid.hashLow("e", "first");
    f.firstSighting(h, l);
    for (int i = 0; i < 100_000; i++) {
      f.firstSighting(Ulid.hashHigh("e", "k" + i), Ulid.hashLow("e", "k" + i));
    }
    assertThat(f.firstSighting(h, l)).isTrue();
  }

  @Test
  void exactlyOneOfManyConcurrentCallersWins() throws Exception {
    DedupeFilter f = new DedupeFilter(1 << 16);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int key = 0; key < 200; key++) {
        long h = Ulid.hashHigh("e", "key" + key);
        long l = Ulid.hashLow("e", "key" + key);
        AtomicInteger winners = new AtomicInteger();
        Future<?>[] futures = new Future<?>[8];
        for (int t = 0; t < 8; t++) {
          futures[t] = pool.submit(() -> {
            if (f.firstSighting(h, l)) {
              winners.incrementAndGet();
            }
          });
        }
        for (Future<?> fu : futures) {
          fu.get(5, TimeUnit.SECONDS);
        }
        assertThat(winners).hasValue(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
