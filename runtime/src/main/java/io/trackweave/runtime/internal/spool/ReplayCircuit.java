package io.trackweave.runtime.internal.spool;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces replay after a failure. When a sender hands operations back (Customer.io did not take them),
 * the circuit opens: replay pauses for a cooldown, then sends one probe of at most {@code probeOperations}
 * and waits for it to settle. A probe that settles closes the circuit (full speed, cooldown back to its
 * initial value); replayed operations bounced again double the cooldown, up to its maximum.
 *
 * <p>Tripped by sender threads, asked by the batching thread, closed by whichever thread settles a
 * replayed operation: the fields are volatile and a race costs at most one extra probe or pause.
 */
final class ReplayCircuit {
  /** The shortest cooldown, whatever the retry settings say: replay never spins against an outage. */
  static final long MIN_COOLDOWN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final LongSupplier nanoClock;
  private final int probeOperations;
  private final long cooldownInitialNanos;
  private final long cooldownMaxNanos;
  private volatile long pausedUntil;
  private volatile long cooldownNanos;
  private volatile boolean probing;
  /** From Customer.io's Retry-After: no replay before it, whatever the cooldown says. */
  private volatile long heldUntil;

  ReplayCircuit(LongSupplier nanoClock, int probeOperations, long cooldownInitialNanos, long cooldownMaxNanos) {
    this.nanoClock = nanoClock;
    this.probeOperations = Math.max(1, probeOperations);
    this.cooldownInitialNanos = Math.max(MIN_COOLDOWN_NANOS, cooldownInitialNanos);
    this.cooldownMaxNanos = Math.max(this.cooldownInitialNanos, cooldownMaxNanos);
    this.cooldownNanos = this.cooldownInitialNanos;
    this.pausedUntil = nanoClock.getAsLong(); // nanoTime has an arbitrary origin: never compare with 0
    this.heldUntil = pausedUntil;
  }

  /**
   * How many operations replay may hand over now: none while paused or while a probe is unsettled
   * ({@code inFlight} replayed operations not yet settled), a probe's worth after the pause, else any.
   */
  int permits(int inFlight) {
    long now = nanoClock.getAsLong();
    if (now - pausedUntil < 0 || now - heldUntil < 0) {
      return 0;
    }
    if (probing) {
      return inFlight > 0 ? 0 : probeOperations;
    }
    return Integer.MAX_VALUE;
  }

  /**
   * Delivery failed: pause for the cooldown, then probe. {@code whileReplaying}: the failed operations
   * were themselves replayed, so the outage goes on and the next cooldown doubles.
   */
  void trip(boolean whileReplaying) {
    long cooldown = cooldownNanos;
    pausedUntil = nanoClock.getAsLong() + cooldown;
    probing = true;
    if (whileReplaying) {
      cooldownNanos = Math.min(cooldownMaxNanos, cooldown * 2);
    }
  }

  /** Customer.io asked (Retry-After) for nothing to be sent for {@code nanos}: no replay before then. */
  void hold(long nanos) {
    long until = nanoClock.getAsLong() + nanos;
    if (until - heldUntil > 0) {
      heldUntil = until;
    }
  }

  /** A replayed operation settled (Customer.io answered): replay at full speed again. */
  void settled() {
    if (probing) {
      probing = false;
      cooldownNanos = cooldownInitialNanos;
    }
  }

  boolean probing() {
    return probing;
  }

  /** The pause the next {@link #trip} starts. */
  long cooldownNanos() {
    return cooldownNanos;
  }
}
