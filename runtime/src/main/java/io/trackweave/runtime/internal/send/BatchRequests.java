package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.encode.EncodedItems;
import io.trackweave.runtime.internal.encode.GrowableBytes;
import io.trackweave.runtime.internal.encode.Gzip;
import io.trackweave.runtime.internal.encode.WireFormat;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Limits;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The calls that travel in a batch request (Track API v2 {@code /api/v2/batch}, or the Pipelines API's
 * {@code /v1/batch}): encodes them, rejects those that cannot be sent (unencodable, or over Customer.io's
 * 32 KB per call), cuts the rest into requests within {@code batch.max.bytes}, and settles each call by
 * its request's answer: 2xx delivered; 207 the items named in its {@code errors} rejected, the rest
 * delivered; 413, and a 400 to a whole batch that names no item (the Pipelines API), split in halves
 * until the bad calls are found; retryable and out of retries given up; anything else rejected.
 *
 * <p>Remembers which calls of the batch it settled, so that a delivery cut short (shutdown, a bug) gives
 * up exactly the others.
 */
final class BatchRequests {
  private final DeliverySettings settings;
  private final WireFormat wire;
  private final HttpUrl batchUrl;
  private final Gzip gzip;
  private final RetryingExchange exchange;
  private final RejectionReasons reasons;
  private final Settlement settlement;
  private final StaleEvents stale;
  private final Ledger ledger;
  private List<Operation> pending = List.of();
  private boolean[] settled = new boolean[0];

  BatchRequests(DeliverySettings settings, WireFormat wire, HttpUrl batchUrl, Gzip gzip, RetryingExchange exchange,
      RejectionReasons reasons, Settlement settlement, StaleEvents stale, Ledger ledger) {
    this.settings = settings;
    this.wire = wire;
    this.batchUrl = batchUrl;
    this.gzip = gzip;
    this.exchange = exchange;
    this.reasons = reasons;
    this.settlement = settlement;
    this.stale = stale;
    this.ledger = ledger;
  }

  /** Delivers {@code ops}, all of which travel in batches; on a normal return each of them is settled. */
  void deliver(List<Operation> ops) throws Interrupted {
    pending = ops;
    settled = new boolean[ops.size()];
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
    int from = 0;
    for (int to : BatchCutter.ends(wire, items, indices, n, settings.batchMaxBytes())) {
      send(ops, items, indices, from, to);
      from = to;
    }
  }

  /**
   * Adds to {@code into} the calls of {@code ops} not settled yet, when {@code ops} is the batch this
   * delivered last (and nothing, when it never got to deliver it).
   */
  void addUnsettled(List<Operation> ops, List<Operation> into) {
    if (pending == ops) {
      for (int i = 0; i < ops.size(); i++) {
        if (!settled[i]) {
          into.add(ops.get(i));
        }
      }
    }
  }

  /** The batch is settled or given up: its calls are no longer this one's to track. */
  void forget() {
    pending = List.of();
  }

  private void send(List<Operation> ops, EncodedItems items, int[] indices, int from, int to) throws Interrupted {
    GrowableBytes body = settings.gzip()
        ? wire.gzipBody(gzip, items, indices, from, to)
        : wire.body(items, indices, from, to);
    Answer answer = exchange.exchange("POST", batchUrl, body.array(), body.size(), settings.gzip(), to - from);
    if (answer.ok()) {
      for (int k = from; k < to; k++) {
        deliver(ops, indices[k]);
      }
      ledger.delivered(to - from);
    } else if (answer.status() == 207) {
      Map<Integer, String[]> errors = ItemErrors.read(answer.body());
      int delivered = 0;
      for (int k = from; k < to; k++) {
        String[] error = errors.get(k - from);
        if (error == null) {
          deliver(ops, indices[k]);
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
      send(ops, items, indices, from, mid);
      send(ops, items, indices, mid, to);
    } else if (answer.retryable()) {
      List<Operation> given = new ArrayList<>(to - from);
      for (int k = from; k < to; k++) {
        settled[indices[k]] = true;
        given.add(ops.get(indices[k]));
      }
      settlement.givenUp(given, exchange.givenUpReason());
    } else {
      String reason = RejectionReasons.reasonFor(answer);
      String message = reasons.messageFor(answer);
      for (int k = from; k < to; k++) {
        reject(ops, indices[k], reason, message);
      }
    }
  }

  private void deliver(List<Operation> ops, int i) {
    settled[i] = true;
    settlement.delivered(ops.get(i));
    stale.delivered(ops.get(i));
  }

  private void reject(List<Operation> ops, int i, String reason, String message) {
    settled[i] = true;
    settlement.rejected(ops.get(i), reason, message);
  }
}
