package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.trackweave.testkit.internal.activity.CallLog;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.model.OperationRecord;
import io.trackweave.testkit.internal.exchange.Exchanges;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A call being served: collects what goes into its {@link CallRecord} (status, size, each operation's outcome,
 * why it was refused) and puts that record in the call log exactly once. Every answer goes through {@link
 * #respond}, which logs before it answers, so a client that got its answer also finds the call in the log.
 */
final class Call {
  final HttpExchange exchange;
  final long seq;
  final Instant receivedAt;
  final List<OperationRecord> operations = new ArrayList<>();
  int status;
  long bytes;
  String error;
  private final CallLog log;
  private boolean logged;

  Call(HttpExchange exchange, long seq, Instant receivedAt, CallLog log) {
    this.exchange = exchange;
    this.seq = seq;
    this.receivedAt = receivedAt;
    this.log = log;
  }

  /** Logs the call, then answers it with {@code body} as JSON. */
  void respond(int status, JsonNode body) throws IOException {
    this.status = status;
    byte[] bytes = Exchanges.JSON.writeValueAsBytes(body);
    log();
    Exchanges.send(exchange, status, "application/json; charset=utf-8", bytes);
  }

  /** Puts the call in the log, unless it is there already. */
  void log() {
    if (!logged) {
      logged = true;
      log.add(record());
    }
  }

  /** Whether it was answered or logged already (a failure then has nothing left to answer). */
  boolean logged() {
    return logged;
  }

  private CallRecord record() {
    return new CallRecord(
        seq, receivedAt, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), status,
        bytes, operations, error);
  }
}
