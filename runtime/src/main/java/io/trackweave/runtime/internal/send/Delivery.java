package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.internal.encode.Gzip;
import io.trackweave.runtime.internal.encode.WireFormat;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Rejection;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Delivers one batch of operations and settles every one of them exactly once: delivered, rejected
 * (with Customer.io's reason), or given up (to the overflow, else dropped). One per sender thread: it
 * owns an encoder and a gzip buffer.
 *
 * <p>This class only sequences a batch: the calls before an identify that must follow its anonymous
 * events first ({@link MergeCut}), then what travels in batch requests ({@link BatchRequests}, cut to
 * size by {@link BatchCutter}), then each call that needs a request of its own ({@link SingleCall}).
 * Both send through {@link RetryingExchange} (retries, backoff, Retry-After, the time budget, the spill
 * at first failure), word Customer.io's refusals with {@link RejectionReasons} and {@link ItemErrors},
 * and settle calls through {@link Settlement}. What each API's requests look like is its
 * {@link WireFormat}'s business; all of this is the same for every API.
 */
public final class Delivery implements BatchDelivery {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");

  private final DeliverySettings settings;
  private final WireFormat wire;
  private final Gzip gzip = new Gzip(64 * 1024);
  private final Settlement settlement;
  private final RetryingExchange exchange;
  private final MergeCut merge;
  private final BatchRequests batches;
  private final SingleCall singles;

  public Delivery(
      DeliverySettings settings,
      HttpTransport transport,
      TokenBucket bucket,
      Ledger ledger,
      OperationQueue queue,
      Overflow overflow,
      Pause pause,
      LongSupplier nanoClock,
      AtomicBoolean unauthorizedLogged) {
    this(settings, transport, bucket, ledger, queue, overflow, pause, nanoClock, unauthorizedLogged, false,
        new Reachability());
  }

  /**
   * @param spillAtFirstFailure the overflow is a durable spool: calls whose request fails with a
   *     retryable answer go to it at once, and its replay retries them, so an outage holds them on
   *     disk, not in memory where a kill would lose them. Otherwise requests are retried here, bounded
   *     by {@code retry.max.time}.
   * @param reachability shared by the runtime's senders: an outage is reported once
   */
  public Delivery(
      DeliverySettings settings,
      HttpTransport transport,
      TokenBucket bucket,
      Ledger ledger,
      OperationQueue queue,
      Overflow overflow,
      Pause pause,
      LongSupplier nanoClock,
      AtomicBoolean unauthorizedLogged,
      boolean spillAtFirstFailure,
      Reachability reachability) {
    this(settings, transport, bucket, ledger, queue, overflow, pause, nanoClock, System::currentTimeMillis,
        unauthorizedLogged, spillAtFirstFailure, reachability);
  }

  /**
   * As above, with the wall clock ({@link System#currentTimeMillis()}-like) that an HTTP-date
   * Retry-After and Customer.io's 72-hour trigger window are measured against.
   */
  public Delivery(
      DeliverySettings settings,
      HttpTransport transport,
      TokenBucket bucket,
      Ledger ledger,
      OperationQueue queue,
      Overflow overflow,
      Pause pause,
      LongSupplier nanoClock,
      LongSupplier wallClock,
      AtomicBoolean unauthorizedLogged,
      boolean spillAtFirstFailure,
      Reachability reachability) {
    this(settings, transport, bucket, ledger, queue, overflow, pause, nanoClock, wallClock, unauthorizedLogged,
        spillAtFirstFailure, reachability, AnonymousOrder.unshared());
  }

  /**
   * As above, with the merge order shared by the runtime's senders: an identify whose anonymous id has
   * anonymous events of an earlier batch still on another sender waits for them (see {@link AnonymousOrder}).
   */
  public Delivery(
      DeliverySettings settings,
      HttpTransport transport,
      TokenBucket bucket,
      Ledger ledger,
      OperationQueue queue,
      Overflow overflow,
      Pause pause,
      LongSupplier nanoClock,
      LongSupplier wallClock,
      AtomicBoolean unauthorizedLogged,
      boolean spillAtFirstFailure,
      Reachability reachability,
      AnonymousOrder order) {
    this.settings = settings;
    this.wire = WireFormat.of(settings.apiVersion());
    this.settlement = new Settlement(queue, ledger, order, new Surrender(overflow, queue, ledger));
    this.exchange = new RetryingExchange(settings, transport, bucket, ledger, overflow, pause, nanoClock, wallClock,
        spillAtFirstFailure, reachability);
    RejectionReasons reasons = new RejectionReasons(settings.apiVersion(), unauthorizedLogged);
    StaleEvents stale = new StaleEvents(settings.backfill(), wallClock, ledger);
    this.merge = new MergeCut(wire, order);
    this.batches = new BatchRequests(settings, wire, transport.url(wire.batchPath()), gzip, exchange, reasons,
        settlement, stale, ledger);
    this.singles = new SingleCall(settings, wire, transport, gzip, exchange, reasons, settlement, stale, ledger);
  }

  /** Delivers {@code ops}; on return each of them has been settled. */
  @Override
  public void deliver(List<Operation> ops) {
    merge.begin();
    deliverOrdered(ops);
  }

  private void deliverOrdered(List<Operation> ops) {
    int cut = merge.cut(ops);
    if (cut < 0) {
      deliverInOrder(ops);
      return;
    }
    // an identify that carries an anonymous id merges that id's events into the person, but only those
    // that reached Customer.io before it (or within five minutes after). The v2 batch would overtake the
    // v1 anonymous events captured before it, so they go first, and if they could not be delivered the
    // identify and everything after it wait behind them (in the spool) instead of going ahead
    deliverInOrder(new ArrayList<>(ops.subList(0, cut)));
    List<Operation> rest = new ArrayList<>(ops.subList(cut, ops.size()));
    Operation identify = ops.get(cut);
    if (merge.followsGivenUp(identify)) {
      giveUp(rest, exchange.givenUpReason());
      return;
    }
    // the same across batches: another sender may still hold that id's anonymous events of an earlier
    // batch (retrying, or waiting on a slow answer). This sender waits for them, and follows them into
    // the spool if that is where they went
    AnonymousOrder.Outcome outcome;
    try {
      outcome = merge.await(identify);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      giveUp(rest, "shutdown");
      return;
    }
    if (outcome == AnonymousOrder.Outcome.SPOOLED) {
      giveUp(rest, exchange.givenUpReason());
    } else {
      deliverOrdered(rest);
    }
  }

  private void deliverInOrder(List<Operation> ops) {
    List<Operation> batchable = new ArrayList<>(ops.size());
    List<Operation> single = new ArrayList<>();
    for (Operation op : ops) {
      if (op.updateOnly() && settings.apiVersion() == ApiVersion.PIPELINES
          && !UpdateOnlyIdentify.allowedOnPipelines(settings)) {
        settlement.rejected(op, Rejection.UPDATE_ONLY_NEEDS_TRACK_API.reason(),
            Rejection.UPDATE_ONLY_NEEDS_TRACK_API.message());
      } else if (wire.batches(op.action())) {
        batchable.add(op);
      } else {
        single.add(op);
      }
    }
    int singleDone = 0;
    try {
      if (!batchable.isEmpty()) {
        batches.deliver(batchable);
      }
      for (; singleDone < single.size(); singleDone++) {
        Operation op = single.get(singleDone);
        if (singles.deliver(op)) {
          merge.spooled(op);
        }
      }
    } catch (Interrupted | RuntimeException | Error e) {
      String reason = "shutdown";
      if (e instanceof Interrupted) {
        Thread.currentThread().interrupt();
      } else {
        reason = "internal_error";
        LOG.log(Level.ERROR, "Trackweave: unexpected failure while delivering", e);
      }
      // exactly what this batch had not settled yet is given up
      List<Operation> rest = new ArrayList<>();
      batches.addUnsettled(batchable, rest);
      rest.addAll(single.subList(Math.min(singleDone, single.size()), single.size()));
      giveUp(rest, reason);
    } finally {
      batches.forget();
    }
  }

  /** Hands the operations to the overflow, else drops them, with {@code reason}. */
  private void giveUp(List<Operation> ops, String reason) {
    settlement.givenUp(ops, reason);
  }

  @Override
  public void close() {
    gzip.close();
  }
}
