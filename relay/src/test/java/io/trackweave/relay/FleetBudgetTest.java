package io.trackweave.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.internal.send.TokenBucket;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FleetBudgetTest {
  @Test
  void theSharesOfAnyAssignmentAddUpToTheWorkspaceBudget() {
    int total = 12;
    for (int[] assignment : new int[][] {{12}, {6, 6}, {5, 7}, {4, 4, 4}, {1, 1, 10}, {3, 3, 3, 3}}) {
      double sum = 0;
      for (int held : assignment) {
        sum += FleetBudget.rateFor(100, held, total);
      }
      assertThat(sum).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(FleetBudget.rateFor(100, 0, 12)).isZero();
    assertThat(FleetBudget.rateFor(100, 3, 12)).isEqualTo(25);
  }

  @Test
  void aRebalanceChangesTheRateTheBucketHandsOut() {
    AtomicLong now = new AtomicLong();
    TokenBucket bucket = new TokenBucket(100, now::get);
    FleetBudget budget = new FleetBudget(100, bucket);
    assertThat(budget.rebalanced(3, 12)).isEqualTo(25);
    // the burst is capped at the new second's worth: 25 at once, then one every 40 ms
    int free = 0;
    while (bucket.reserve() == 0) {
      free++;
    }
    assertThat(free).isEqualTo(25);
    now.addAndGet(400_000_000L); // 0.4 s: 10 tokens at 25/s, one already owed
    int more = 0;
    while (bucket.reserve() == 0) {
      more++;
    }
    assertThat(more).isEqualTo(9);
    budget.rebalanced(12, 12);
    now.addAndGet(100_000_000L); // 0.1 s at 100/s
    int after = 0;
    while (bucket.reserve() == 0) {
      after++;
    }
    assertThat(after).isEqualTo(9);
    assertThat(budget.rebalanced(0, 12)).isZero();
  }
}
