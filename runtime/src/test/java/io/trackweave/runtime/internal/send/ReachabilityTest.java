package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that takes the connection and never answers, told from a slow one by the senders' clock
 * (times are given, never waited for): requests outstanding without a break for the bound, with no
 * answer of any status in that time.
 */
class ReachabilityTest {
  private static final long BOUND = TimeUnit.SECONDS.toNanos(10);
  private static final long T0 = -5_000_000_000L; // nanoTime's origin is arbitrary

  private final Reachability reachability = new Reachability();

  @Test
  void requestsOutstandingForTheBoundWithNoAnswerAtAllAreUnanswered() {
    assertThat(reachability.unansweredFor(BOUND, T0)).as("nothing in flight").isFalse();
    reachability.sending(T0);
    reachability.sending(T0 + BOUND / 2);
    assertThat(reachability.unansweredFor(BOUND, T0 + BOUND - 1)).as("a nanosecond early").isFalse();
    assertThat(reachability.unansweredFor(BOUND, T0 + BOUND)).isTrue();
  }

  @Test
  void anAnswerOfAnyStatusWithinTheBoundMeansTheServerIsAliveThoughSlow() {
    reachability.sending(T0);
    reachability.sending(T0);
    reachability.ended(T0 + BOUND / 2, true); // a 503, say: an answer
    assertThat(reachability.unansweredFor(BOUND, T0 + BOUND)).isFalse();
    assertThat(reachability.unansweredFor(BOUND, T0 + BOUND / 2 + BOUND)).as("silent since").isTrue();
  }

  @Test
  void aFailureWithoutAnAnswerIsNoSignOfLifeAndAnIdleBreakRestartsTheCount() {
    reachability.sending(T0);
    reachability.ended(T0 + 1, false); // refused or cancelled: no answer
    assertThat(reachability.unansweredFor(BOUND, T0 + 2 * BOUND)).as("nothing in flight").isFalse();
    reachability.sending(T0 + 2 * BOUND);
    assertThat(reachability.unansweredFor(BOUND, T0 + 3 * BOUND - 1)).isFalse();
    assertThat(reachability.unansweredFor(BOUND, T0 + 3 * BOUND)).isTrue();
  }
}
