package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import java.util.List;

/**
 * How one call leaves a delivery: delivered, rejected or given up. Each way it leaves the queue's books
 * and is reported to the merge order, so an identify waiting on it (see {@link AnonymousOrder}) learns
 * whether to go or to follow it into the spool.
 */
final class Settlement {
  private final OperationQueue queue;
  private final Ledger ledger;
  private final AnonymousOrder order;
  private final Surrender surrender;

  Settlement(OperationQueue queue, Ledger ledger, AnonymousOrder order, Surrender surrender) {
    this.queue = queue;
    this.ledger = ledger;
    this.order = order;
    this.surrender = surrender;
  }

  /** Customer.io took it. Counted by the caller: a batch counts its delivered calls at once. */
  void delivered(Operation op) {
    queue.release(op);
    order.settled(op, false);
  }

  /** Refused for good, with Customer.io's (or the encoder's) reason and message. */
  void rejected(Operation op, String reason, String message) {
    queue.release(op);
    order.settled(op, false);
    ledger.rejected(op, reason, message);
  }

  /** Hands the operations to the overflow, else drops them, with {@code reason}; true when the overflow took them. */
  boolean givenUp(List<Operation> ops, String reason) {
    boolean spooled = surrender.giveUp(ops, reason);
    for (Operation op : ops) {
      order.settled(op, spooled);
    }
    return spooled;
  }
}
