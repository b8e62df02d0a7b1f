package io.trackweave.relay;

import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.spool.OperationCodec;
import io.trackweave.runtime.kafka.internal.RecordFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record the relay has fetched and not yet settled, and the receipt through which the runtime's send
 * stage tells it what became of the operation. Written by a sender thread during {@code deliver}, read by
 * the poll thread after the batch's completion is handed over (which orders the two).
 */
final class Pending implements Operation.Receipt {
  enum State { WAITING, IN_FLIGHT, DELIVERED, REJECTED, FAILED }

  final ConsumerRecord<byte[], byte[]> record;
  /** When the poll thread fetched it ({@link System#nanoTime()}). */
  final long fetchedAt;
  /** Decoded with this as its receipt; null when the record could not be decoded. */
  Operation op;
  volatile State state = State.WAITING;
  volatile boolean givenUp;
  volatile String reason;
  volatile String message;

  Pending(ConsumerRecord<byte[], byte[]> record, long fetchedAt) {
    this.record = record;
    this.fetchedAt = fetchedAt;
  }

  /**
   * A record just fetched, decoded with itself as the receipt. One that cannot be decoded keeps no operation
   * but the reason and message it will be dead-lettered with, by a sender in its turn, so that it settles in
   * offset order with the records around it.
   */
  static Pending fetched(ConsumerRecord<byte[], byte[]> r, long fetchedAt) {
    Pending p = new Pending(r, fetchedAt);
    try {
      p.op = RecordFormat.decode(r.value(), p);
    } catch (OperationCodec.Malformed m) {
      // a newer release's record says so in its header too; a damaged one only looks like it
      boolean newer = m.newerVersion() > 0
          && String.valueOf(m.newerVersion()).equals(RecordFormat.header(r.headers(), RecordFormat.HEADER_VERSION));
      p.reason = newer ? "newer_encoding_version" : "undecodable";
      p.message = newer
          ? "written by a newer Trackweave (encoding version " + m.newerVersion() + "; this relay reads "
              + OperationCodec.VERSION + "): upgrade the relay, then replay it from the dead-letter topic"
          : m.getMessage();
    }
    return p;
  }

  long offset() {
    return record.offset();
  }

  /** Given up by the send stage (Customer.io unreachable, 429, 5xx): not settled, to be fetched again. */
  void givenUp() {
    givenUp = true;
  }

  @Override
  public void settled() {
    if (givenUp) {
      state = State.FAILED;
    } else if (reason == null) {
      state = State.DELIVERED;
    }
  }

  @Override
  public void rejected(String reason, String message) {
    this.reason = reason;
    this.message = message;
    state = State.REJECTED;
  }
}
