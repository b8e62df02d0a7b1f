package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.encode.GrowableBytes;
import io.trackweave.runtime.internal.encode.Gzip;
import io.trackweave.runtime.internal.encode.PathSegment;
import io.trackweave.runtime.internal.encode.V1Request;
import io.trackweave.runtime.internal.encode.WireFormat;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Limits;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Rejection;
import java.io.IOException;
import java.util.List;

/**
 * A call the batch endpoint does not carry, sent on a request of its own to its own endpoint: on the
 * Track API an anonymous event ({@code /api/v1/events}), or every call with {@code api.version=v1}; on the
 * Pipelines API a merge ({@code /v1/alias}). Encoded, checked against Customer.io's 32 KB per request,
 * gzipped when configured, and settled by the answer: 2xx delivered, retryable and out of retries given
 * up, anything else rejected.
 */
final class SingleCall {
  private final DeliverySettings settings;
  private final WireFormat wire;
  private final HttpTransport transport;
  private final Gzip gzip;
  private final RetryingExchange exchange;
  private final RejectionReasons reasons;
  private final Settlement settlement;
  private final StaleEvents stale;
  private final Ledger ledger;

  SingleCall(DeliverySettings settings, WireFormat wire, HttpTransport transport, Gzip gzip, RetryingExchange exchange,
      RejectionReasons reasons, Settlement settlement, StaleEvents stale, Ledger ledger) {
    this.settings = settings;
    this.wire = wire;
    this.transport = transport;
    this.gzip = gzip;
    this.exchange = exchange;
    this.reasons = reasons;
    this.settlement = settlement;
    this.stale = stale;
    this.ledger = ledger;
  }

  /** Delivers {@code op} and settles it; true when it was given up and the overflow (the spool) took it. */
  boolean deliver(Operation op) throws Interrupted {
    V1Request request;
    try {
      request = wire.encodeSingle(op);
    } catch (PathSegment.NotAddressable e) {
      settlement.rejected(op, Rejection.IDENTIFIER_NOT_ADDRESSABLE.reason(),
          Rejection.IDENTIFIER_NOT_ADDRESSABLE.message());
      return false;
    } catch (IOException | RuntimeException e) {
      settlement.rejected(op, Rejection.ENCODING_FAILED.reason(), Rejection.ENCODING_FAILED.message());
      return false;
    }
    if (request.bodyLength() > Limits.MAX_OPERATION_BYTES) {
      settlement.rejected(op, Rejection.OPERATION_TOO_LARGE.reason(),
          Rejection.OPERATION_TOO_LARGE.message() + " (" + request.bodyLength() + " bytes)");
      return false;
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
      settlement.delivered(op);
      ledger.delivered(1);
      stale.delivered(op);
      return false;
    } else if (answer.retryable()) {
      return settlement.givenUp(List.of(op), exchange.givenUpReason());
    } else {
      settlement.rejected(op, RejectionReasons.reasonFor(answer), reasons.messageFor(answer));
      return false;
    }
  }
}
