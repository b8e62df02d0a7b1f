package io.trackweave.runtime.internal.send;

import java.util.concurrent.TimeUnit;

/** How a sender thread waits (backoff, Retry-After, rate limit); tests record instead of sleeping. */
@FunctionalInterface
public interface Pause {
  void sleep(long nanos) throws InterruptedException;

  Pause SLEEP = new Sleep(); // a class, not a lambda: the first sender spins none

  /** {@link TimeUnit#sleep}. */
  final class Sleep implements Pause {
    @Override
    public void sleep(long nanos) throws InterruptedException {
      if (nanos > 0) {
        TimeUnit.NANOSECONDS.sleep(nanos);
      }
    }
  }
}
