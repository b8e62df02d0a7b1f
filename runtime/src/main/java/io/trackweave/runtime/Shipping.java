package io.trackweave.runtime;

import io.trackweave.runtime.internal.metrics.Ledger;
import java.time.Duration;

/**
 * What runs behind the caller's side of a runtime: the batching thread, the senders and their
 * transport, and the overflow they hand calls to ({@link ShippingThreads}). A disabled runtime has none
 * of it, and gets {@link Disabled}: nothing to send, so flush and close only report the counts.
 */
sealed interface Shipping permits ShippingThreads, Shipping.Disabled {
  /**
   * Sends everything captured so far without waiting for the interval and waits until it is settled or
   * {@code timeout} passes; the counts since creation.
   */
  DeliveryReport flush(Duration timeout);

  /**
   * Flushes, stops the threads and gives up what is still unsent, all within {@code timeout}; the final
   * counts. Called once, after the intake was closed.
   */
  DeliveryReport close(Duration timeout);

  /** True when nothing captured is still on its way, in memory or in the spool. */
  boolean idle();

  /** A disabled runtime's: no threads, no overflow, and (deliberately) no closing summary. */
  record Disabled(Ledger ledger) implements Shipping {
    @Override
    public DeliveryReport flush(Duration timeout) {
      return ledger.report();
    }

    @Override
    public DeliveryReport close(Duration timeout) {
      // the runtime warned once, when it was created, that it drops every call: nothing more to say
      return ledger.report();
    }

    @Override
    public boolean idle() {
      return ledger.report().pending() == 0;
    }
  }
}
