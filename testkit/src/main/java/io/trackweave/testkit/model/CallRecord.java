package io.trackweave.testkit.model;

import java.time.Instant;
import java.util.List;

/**
 * One HTTP call to the Track API, as logged.
 *
 * @param seq the call's number since start (or reset)
 * @param receivedAt when it arrived
 * @param method the HTTP method
 * @param path the request path, as sent (still percent-encoded)
 * @param status the status answered; 0 when the connection was reset without an answer
 * @param bytes the request body's size after gzip decoding
 * @param operations what the call carried and what became of each part
 * @param error why the whole call was refused (auth, size, malformed, injected fault), or null
 */
public record CallRecord(
    long seq,
    Instant receivedAt,
    String method,
    String path,
    int status,
    long bytes,
    List<OperationRecord> operations,
    String error) {
  public CallRecord {
    operations = List.copyOf(operations);
  }

  /** Number of plan violations across the call's operations. */
  public int violationCount() {
    int n = 0;
    for (OperationRecord op : operations) {
      n += op.violations().size();
    }
    return n;
  }
}
