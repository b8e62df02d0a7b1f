package io.trackweave.runtime.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplayCircuitTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 50 * MS); // wraps around mid-test
  private final ReplayCircuit circuit = new ReplayCircuit(now::get, 25, 200 * MS, 700 * MS);

  @Test
  void closedUntilTrippedThenPausesForTheCooldownAndProbesOnce() {
    assertThat(circuit.permits(0)).isEqualTo(Integer.MAX_VALUE);
    assertThat(circuit.permits(1000)).isEqualTo(Integer.MAX_VALUE);

    circuit.trip(false);
    assertThat(circuit.permits(0)).isZero();
    now.addAndGet(199 * MS);
    assertThat(circuit.permits(0)).isZero();
    now.addAndGet(MS);
    assertThat(circuit.permits(0)).isEqualTo(25); // one probe's worth
    assertThat(circuit.permits(3)).isZero(); // the probe is still out
    assertThat(circuit.cooldownNanos()).isEqualTo(200 * MS); // fresh calls failing: no doubling

    circuit.settled();
    assertThat(circuit.probing()).isFalse();
    assertThat(circuit.permits(3)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void replayedCallsFailingAgainDoubleTheCooldownUpToItsMaximumAndSuccessResetsIt() {
    long[] pauses = new long[4];
    for (int i = 0; i < pauses.length; i++) {
      circuit.trip(true);
      long waited = 0;
      while (circuit.permits(0) == 0) {
        now.addAndGet(MS);
        waited += MS;
      }
      pauses[i] = waited;
    }
    assertThat(pauses).containsExactly(200 * MS, 400 * MS, 700 * MS, 700 * MS);

    circuit.settled();
    circuit.trip(true);
    now.addAndGet(199 * MS);
    assertThat(circuit.permits(0)).isZero();
    now.addAndGet(MS);
    assertThat(circuit.permits(0)).isEqualTo(25);
  }

  @Test
  void aCooldownBelowTheFloorIsRaisedSoReplayNeverSpins() {
    ReplayCircuit eager = new ReplayCircuit(now::get, 0, 0, 0);
    eager.trip(true);
    now.addAndGet(ReplayCircuit.MIN_COOLDOWN_NANOS - 1);
    assertThat(eager.permits(0)).isZero();
    now.addAndGet(1);
    assertThat(eager.permits(0)).isEqualTo(1); // at least one operation per probe
  }

  @Test
  void aRetryAfterHoldsReplayPastTheCooldownThatTheTripStartsAfterIt() {
    circuit.hold(3000 * MS); // the sender reads Retry-After: 3 s, then hands the calls back
    circuit.trip(false);
    now.addAndGet(200 * MS); // the cooldown is over, the hold is not
    assertThat(circuit.permits(0)).isZero();
    circuit.hold(10 * MS); // a shorter hold never shortens the longer one already running
    now.addAndGet(2799 * MS);
    assertThat(circuit.permits(0)).isZero();
    now.addAndGet(MS);
    assertThat(circuit.permits(0)).isEqualTo(25);
  }
}
