package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.util.List;

/**
 * Gives up operations that cannot be delivered now: hands them to the overflow (the disk spool), else
 * drops them with a reason; either way they leave the queue's books. Shared by the senders and the
 * runtime's close, none of which needs the HTTP client for it.
 */
public final class Surrender {
  private final Overflow overflow;
  private final OperationQueue queue;
  private final Ledger ledger;

  public Surrender(Overflow overflow, OperationQueue queue, Ledger ledger) {
    this.overflow = overflow;
    this.queue = queue;
    this.ledger = ledger;
  }

  /**
   * Whether the overflow holds calls that are still to be replayed (Customer.io was unreachable): a batch
   * that was captured after them must queue behind them there, not overtake them.
   */
  public boolean behindBacklog(List<Operation> ops) {
    if (ops.isEmpty() || ops.get(0).receipt() != null) {
      return false; // replayed calls are the backlog itself
    }
    try {
      return overflow.backlogged();
    } catch (Throwable t) {
      return false;
    }
  }

  /**
   * Hands the operations to the overflow, else drops them, with {@code reason}. Returns true when the
   * overflow took them.
   */
  public boolean giveUp(List<Operation> ops, String reason) {
    if (ops.isEmpty()) {
      return false;
    }
    boolean taken;
    try {
      taken = overflow.offerUndeliverable(ops);
    } catch (Throwable t) {
      taken = false;
    }
    for (Operation op : ops) {
      queue.release(op);
    }
    if (taken) {
      ledger.handedOver(ops.size());
    } else {
      ledger.dropped(reason, ops.size());
    }
    return taken;
  }
}
