package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.encode.WireFormat;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a delivery cuts its batch so that an identify carrying an anonymous id reaches Customer.io after
 * that id's anonymous events: Customer.io merges into the person only the anonymous events that arrived
 * before the identify (or within five minutes after). On the Track API the anonymous events travel v1,
 * one request each, and the v2 batch holding the identify would overtake them; an earlier batch's events
 * may still be on another sender ({@link AnonymousOrder}). Remembers, for one delivery, the anonymous ids
 * whose events it gave up to the spool, so their identify follows them there.
 */
final class MergeCut {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");

  private final WireFormat wire;
  private final AnonymousOrder order;
  /** Anonymous ids whose events this delivery gave up to the spool. */
  private final Set<String> givenUpAnonymous = new HashSet<>();

  MergeCut(WireFormat wire, AnonymousOrder order) {
    this.wire = wire;
    this.order = order;
  }

  /** A new delivery begins: what the last one gave up is the spool's order now. */
  void begin() {
    givenUpAnonymous.clear();
  }

  /**
   * The index of the first identify whose anonymous id has an anonymous event earlier in {@code ops}
   * (that the v2 batch would overtake), one this delivery already gave up, or one of an earlier batch
   * still on another sender, or -1.
   */
  int cut(List<Operation> ops) {
    Set<String> anonymousEarlier = null;
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      String anonymousId = op.person() == null ? null : op.person().anonymousId();
      if (anonymousId == null) {
        continue;
      }
      if (op.action() == Action.ANONYMOUS_EVENT) {
        if (wire.batches(op.action())) {
          continue; // in the same batch as the identify, ahead of it (the Pipelines API): nothing overtakes
        }
        if (anonymousEarlier == null) {
          anonymousEarlier = new HashSet<>();
        }
        anonymousEarlier.add(anonymousId);
      } else if (op.action() == Action.IDENTIFY
          && (givenUpAnonymous.contains(anonymousId)
              || anonymousEarlier != null && anonymousEarlier.contains(anonymousId)
              || order.mustWait(op))) {
        return i;
      }
    }
    return -1;
  }

  /** Whether this delivery gave the identify's anonymous events up to the spool: it follows them there. */
  boolean followsGivenUp(Operation identify) {
    return givenUpAnonymous.contains(identify.person().anonymousId());
  }

  /**
   * {@code op} was given up and the spool took it. Only an anonymous event that waits in the spool holds
   * its identify back: a dropped one can no longer merge.
   */
  void spooled(Operation op) {
    if (op.action() == Action.ANONYMOUS_EVENT && op.person() != null && op.person().anonymousId() != null) {
      givenUpAnonymous.add(op.person().anonymousId());
    }
  }

  /**
   * Waits for the identify's anonymous events of earlier batches that another sender still holds
   * (retrying, or waiting on a slow answer); a wait that outlasts the budget is logged, and the identify
   * goes first.
   */
  AnonymousOrder.Outcome await(Operation identify) throws InterruptedException {
    AnonymousOrder.Outcome outcome = order.await(identify);
    if (outcome == AnonymousOrder.Outcome.TIMED_OUT) {
      LOG.log(Level.WARNING, "Trackweave: an identify carrying an anonymous id waited as long as a request"
          + " may take for that id's earlier anonymous events, still unsettled on another sender, and goes"
          + " first; those arriving more than five minutes after it will not be merged into the person");
    }
    return outcome;
  }
}
