package io.trackweave.runtime.internal.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Waiting for the runtime's own threads when it stops: bounded, and never swallowing an interrupt. */
public final class Threads {
  private Threads() {}

  /**
   * Waits for {@code t} until {@code deadline} on {@code nanoClock} (a {@link System#nanoTime()}-like
   * clock), or not at all once it has passed. Several threads joined with one deadline end together,
   * not one after another.
   */
  public static void joinUntil(Thread t, long deadline, LongSupplier nanoClock) {
    join(t, deadline - nanoClock.getAsLong());
  }

  /**
   * Waits for {@code t} up to {@code nanos} (not at all when that is not positive). An interrupt ends the
   * wait and stays set on the calling thread.
   */
  public static void join(Thread t, long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      t.join(TimeUnit.NANOSECONDS.toMillis(nanos), (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
