package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.internal.capture.Backfill;
import io.trackweave.runtime.internal.encode.EncodedItems;
import io.trackweave.runtime.internal.encode.GrowableBytes;
import io.trackweave.runtime.internal.encode.Gzip;
import io.trackweave.runtime.internal.encode.PathSegment;
import io.trackweave.runtime.internal.encode.V1Request;
import io.trackweave.runtime.internal.encode.WireFormat;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Limits;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Rejection;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;

/**
 * Delivers one batch of operations and settles every one of them exactly once: delivered, rejected
 * (with Customer.io's reason), or given up (to the overflow, else dropped). One per sender thread: it
 * owns an encoder and a gzip buffer.
 *
 * <p>What each API's requests look like is its {@link WireFormat}'s business; this class is the same for
 * all of them. Answers: 2xx delivered; 207 per-item errors rejected, the rest delivered; 413 split in
 * halves, and so is a 400 to a whole batch where the API names no item (the Pipelines API);
 * 408/429/5xx/I/O retried with jittered exponential backoff or Retry-After, within the attempt and
 * time bounds; a refused redirect ({@code redirect_refused}) and any other status rejected, never
 * retried.
 */
public final class Delivery implements BatchDelivery {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");

  private final DeliverySettings settings;
  private final HttpTransport transport;
  private final Ledger ledger;
  private final OperationQueue queue;
  /** Epoch milliseconds: the age of a delivered event. */
  private final LongSupplier wallClock;
  private final WireFormat wire;
  private final RetryingExchange exchange;
  private final Gzip gzip = new Gzip(64 * 1024);
  private final HttpUrl batchUrl;
  private final RejectionReasons reasons;
  private final Surrender surrender;
  private final AnonymousOrder order;

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
    this.order = order;
    this.wallClock = wallClock;
    this.surrender = new Surrender(overflow, queue, ledger);
    this.settings = settings;
    this.transport = transport;
    this.ledger = ledger;
    this.queue = queue;
    this.wire = WireFormat.of(settings.apiVersion());
    this.exchange = new RetryingExchange(settings, transport, bucket, ledger, overflow, pause, nanoClock, wallClock,
        spillAtFirstFailure, reachability);
    this.batchUrl = transport.url(wire.batchPath());
    this.reasons = new RejectionReasons(settings.apiVersion(), unauthorizedLogged);
  }

  /** Delivers {@code ops}; on return each of them has been settled. */
  @Override
  public void deliver(List<Operation> ops) {
    givenUpAnonymous.clear();
    deliverOrdered(ops);
  }

  private void deliverOrdered(List<Operation> ops) {
    int cut = mergeCut(ops);
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
    if (givenUpAnonymous.contains(identify.person().anonymousId())) {
      giveUp(rest, exchange.givenUpReason());
      return;
    }
    // the same across batches: another sender may still hold that id's anonymous events of an earlier
    // batch (retrying, or waiting on a slow answer). This sender waits for them, and follows them into
    // the spool if that is where they went
    AnonymousOrder.Outcome outcome;
    try {
      outcome = order.await(identify);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      giveUp(rest, "shutdown");
      return;
    }
    if (outcome == AnonymousOrder.Outcome.SPOOLED) {
      giveUp(rest, exchange.givenUpReason());
    } else {
      if (outcome == AnonymousOrder.Outcome.TIMED_OUT) {
        LOG.log(Level.WARNING, "Trackweave: an identify carrying an anonymous id waited as long as a request"
            + " may take for that id's earlier anonymous events, still unsettled on another sender, and goes"
            + " first; those arriving more than five minutes after it will not be merged into the person");
      }
      deliverOrdered(rest);
    }
  }

  /**
   * Counts a delivered event that arrived past Customer.io's 72-hour trigger window (in live mode; a
   * backfill sends old events on purpose).
   */
  private void reportIfStale(Operation op) {
    if (!settings.backfill() && (op.action() == Action.EVENT || op.action() == Action.ANONYMOUS_EVENT)
        && !Backfill.canTrigger(op.timestamp(), wallClock.getAsLong() / 1000)) {
      ledger.stale(op.name(), op.timestamp());
    }
  }

  /** Anonymous ids whose events this delivery gave up to the spool. */
  private final java.util.Set<String> givenUpAnonymous = new java.util.HashSet<>();

  /**
   * The index of the first identify whose anonymous id has an anonymous event earlier in {@code ops}
   * (that the v2 batch would overtake), one this delivery already gave up, or one of an earlier batch
   * still on another sender, or -1.
   */
  private int mergeCut(List<Operation> ops) {
    java.util.Set<String> anonymousEarlier = null;
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
          anonymousEarlier = new java.util.HashSet<>();
        }
        anonymousEarlier.add(anonymousId);
      } else if (op.action() == Action.IDENTIFY
          && (givenUpAnonymous.contains(anonymousId) || anonymousEarlier != null && anonymousEarlier.contains(anonymousId)
              || order.mustWait(op))) {
        return i;
      }
    }
    return -1;
  }

  private void deliverInOrder(List<Operation> ops) {
    List<Operation> batchable = new ArrayList<>(ops.size());
    List<Operation> single = new ArrayList<>();
    for (Operation op : ops) {
      if (op.updateOnly() && settings.apiVersion() == ApiVersion.PIPELINES && !updateOnlyAllowed()) {
        rejectOne(op, Rejection.UPDATE_ONLY_NEEDS_TRACK_API.reason(), Rejection.UPDATE_ONLY_NEEDS_TRACK_API.message());
      } else if (wire.batches(op.action())) {
        batchable.add(op);
      } else {
        single.add(op);
      }
    }
    int singleDone = 0;
    try {
      if (!batchable.isEmpty()) {
        deliverBatch(batchable);
      }
      for (; singleDone < single.size(); singleDone++) {
        deliverSingle(single.get(singleDone));
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
      if (pendingBatch == batchable) {
        for (int i = 0; i < batchable.size(); i++) {
          if (!settledInBatch[i]) {
            rest.add(batchable.get(i));
          }
        }
      }
      rest.addAll(single.subList(Math.min(singleDone, single.size()), single.size()));
      giveUp(rest, reason);
    } finally {
      pendingBatch = List.of();
    }
  }

  private List<Operation> pendingBatch = List.of();
  private boolean[] settledInBatch = new boolean[0];

  private void deliverBatch(List<Operation> ops) throws Interrupted {
    pendingBatch = ops;
    settledInBatch = new boolean[ops.size()];
    EncodedItems items = wire.encodeItems(ops);
    int[] indices = new int[ops.size()];
    int n = 0;
    for (int i = 0; i < ops.size(); i++) {
      int len = items.length(i);
      if (len < 0) {
        reject(ops, i, Rejection.ENCODING_FAILED.reason(), Rejection.ENCODING_FAILED.message());
      } else if (len > Limits.MAX_OPERATION_BYTES) {
        reject(ops, i, Rejection.OPERATION_TOO_LARGE.reason(),
            Rejection.OPERATION_TOO_LARGE.message() + " (" + len + " bytes)");
      } else {
        indices[n++] = i;
      }
    }
    int limit = settings.batchMaxBytes();
    int from = 0;
    long size = wire.bodyOverhead();
    for (int k = 0; k < n; k++) {
      int len = items.length(indices[k]);
      if (k > from && size + 1 + len > limit) {
        sendBatch(ops, items, indices, from, k);
        from = k;
        size = wire.bodyOverhead();
      }
      size += len + (k > from ? 1 : 0);
    }
    if (from < n) {
      sendBatch(ops, items, indices, from, n);
    }
  }

  private void sendBatch(List<Operation> ops, EncodedItems items, int[] indices, int from, int to) throws Interrupted {
    GrowableBytes body = settings.gzip()
        ? wire.gzipBody(gzip, items, indices, from, to)
        : wire.body(items, indices, from, to);
    Answer answer = exchange.exchange("POST", batchUrl, body.array(), body.size(), settings.gzip(), to - from);
    if (answer.ok()) {
      for (int k = from; k < to; k++) {
        settle(ops, indices[k]);
      }
      ledger.delivered(to - from);
    } else if (answer.status() == 207) {
      Map<Integer, String[]> errors = ItemErrors.read(answer.body());
      int delivered = 0;
      for (int k = from; k < to; k++) {
        String[] error = errors.get(k - from);
        if (error == null) {
          settle(ops, indices[k]);
          delivered++;
        } else {
          reject(ops, indices[k], error[0], error[1]);
        }
      }
      ledger.delivered(delivered);
    } else if (to - from > 1 && (answer.status() == 413
        || (answer.status() == 400 && answer.refusal() == null && wire.splitsRejectedBatch()))) {
      // too large, or refused whole without naming the bad calls: halves find them, the rest go through
      int mid = (from + to) >>> 1;
      sendBatch(ops, items, indices, from, mid);
      sendBatch(ops, items, indices, mid, to);
    } else if (answer.retryable()) {
      List<Operation> given = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        settledInBatch[indices[k]] = true;
        given.add(ops.get(indices[k]));
      }
      giveUp(given, exchange.givenUpReason());
    } else {
      String reason = RejectionReasons.reasonFor(answer);
      String message = reasons.messageFor(answer);
      for (int k = from; k < to; k++) {
        reject(ops, indices[k], reason, message);
      }
    }
  }

  private void deliverSingle(Operation op) throws Interrupted {
    V1Request request;
    try {
      request = wire.encodeSingle(op);
    } catch (PathSegment.NotAddressable e) {
      rejectOne(op, Rejection.IDENTIFIER_NOT_ADDRESSABLE.reason(), Rejection.IDENTIFIER_NOT_ADDRESSABLE.message());
      return;
    } catch (IOException | RuntimeException e) {
      rejectOne(op, Rejection.ENCODING_FAILED.reason(), Rejection.ENCODING_FAILED.message());
      return;
    }
    if (request.bodyLength() > Limits.MAX_OPERATION_BYTES) {
      rejectOne(op, Rejection.OPERATION_TOO_LARGE.reason(),
          Rejection.OPERATION_TOO_LARGE.message() + " (" + request.bodyLength() + " bytes)");
      return;
    }
    byte[] body = request.body();
    int length = request.bodyLength();
    boolean gzipped = false;
    if (body != null && settings.gzip()) {
      GrowableBytes z = gzip.begin().write(body, 0, length).finish();
      body = z.array();
      length = z.size();
      gzipped = true;
    }
    Answer answer = exchange.exchange(request.method(), transport.url(request.path()), body, length, gzipped, 1);
    if (answer.refusal() == null && answer.status() >= 200 && answer.status() < 300) {
      queue.release(op);
      order.settled(op, false);
      ledger.delivered(1);
      reportIfStale(op);
    } else if (answer.retryable()) {
      // only an event that waits in the spool holds the identify back: a dropped one can no longer merge
      if (surrender(List.of(op), exchange.givenUpReason()) && op.action() == Action.ANONYMOUS_EVENT && op.person() != null
          && op.person().anonymousId() != null) {
        givenUpAnonymous.add(op.person().anonymousId());
      }
    } else {
      rejectOne(op, RejectionReasons.reasonFor(answer), reasons.messageFor(answer));
    }
  }

  private static final AtomicBoolean UPDATE_ONLY_WARNED = new AtomicBoolean();

  /**
   * Whether an update-only identify goes out on the Pipelines API, which has no update-only identify:
   * as a plain identify ({@code pipelines.update.only=identify}, the default; warned once, since it
   * can create a person), or not at all ({@code reject}).
   */
  private boolean updateOnlyAllowed() {
    if (settings.pipelinesRejectUpdateOnly()) {
      return false;
    }
    if (UPDATE_ONLY_WARNED.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "Trackweave: the Data Pipelines API has no update-only identify; update-only"
          + " identifies are sent as plain identifies, which create a person who does not exist yet. Set"
          + " pipelines.update.only=reject to refuse them instead, or use api.version=v2");
    }
    return true;
  }

  private void settle(List<Operation> ops, int i) {
    settledInBatch[i] = true;
    queue.release(ops.get(i));
    order.settled(ops.get(i), false);
    reportIfStale(ops.get(i));
  }

  private void reject(List<Operation> ops, int i, String reason, String message) {
    settledInBatch[i] = true;
    rejectOne(ops.get(i), reason, message);
  }

  private void rejectOne(Operation op, String reason, String message) {
    queue.release(op);
    order.settled(op, false);
    ledger.rejected(op, reason, message);
  }

  /** Hands the operations to the overflow, else drops them, with {@code reason}. */
  public void giveUp(List<Operation> ops, String reason) {
    surrender(ops, reason);
  }

  /** As {@link #giveUp}; true when the overflow took them. */
  private boolean surrender(List<Operation> ops, String reason) {
    boolean spooled = surrender.giveUp(ops, reason);
    for (Operation op : ops) {
      order.settled(op, spooled);
    }
    return spooled;
  }

  @Override
  public void close() {
    gzip.close();
  }
}
