package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.capture.Backfill;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.util.function.LongSupplier;

/**
 * Counts delivered events that arrived past Customer.io's 72-hour trigger window: they are stored but
 * start no campaign, which the user should hear of. In live mode only: a backfill sends old events on
 * purpose.
 */
final class StaleEvents {
  private final boolean backfill;
  /** Epoch milliseconds: the event's age is measured against it. */
  private final LongSupplier wallClock;
  private final Ledger ledger;

  StaleEvents(boolean backfill, LongSupplier wallClock, Ledger ledger) {
    this.backfill = backfill;
    this.wallClock = wallClock;
    this.ledger = ledger;
  }

  /** {@code op} was delivered just now. */
  void delivered(Operation op) {
    if (!backfill && (op.action() == Action.EVENT || op.action() == Action.ANONYMOUS_EVENT)
        && !Backfill.canTrigger(op.timestamp(), wallClock.getAsLong() / 1000)) {
      ledger.stale(op.name(), op.timestamp());
    }
  }
}
