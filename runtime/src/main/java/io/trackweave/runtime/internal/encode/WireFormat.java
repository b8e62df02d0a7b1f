package io.trackweave.runtime.internal.encode;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.util.List;

/**
 * How one API carries operations: which of them its batch endpoint takes, how batch items and bodies
 * are encoded, and the one request of an operation that is sent alone. The send stage ({@code
 * Delivery}) is the same for every API; only this differs. One per sender thread (not thread-safe).
 */
public interface WireFormat {
  /** The format of {@code version}: Track v2 (batch), Track v1 (singles) or the Pipelines API. */
  static WireFormat of(ApiVersion version) {
    switch (version) {
      case V2:
        return new TrackFormat(true);
      case V1:
        return new TrackFormat(false);
      case PIPELINES:
        return new PipelinesEncoder();
      default:
        throw new IllegalArgumentException(version.name());
    }
  }

  /** True when the batch endpoint carries {@code action}; the rest go one request each. */
  boolean batches(Action action);

  /** The batch endpoint's path relative to the base URL, e.g. {@code api/v2/batch}. */
  String batchPath();

  /** Encodes each operation as one batch item. The result is valid until the next call. */
  EncodedItems encodeItems(List<Operation> ops);

  /** Bytes a batch body adds around its items. */
  int bodyOverhead();

  /** The uncompressed batch body of the items at {@code indices[from..to)}. */
  GrowableBytes body(EncodedItems items, int[] indices, int from, int to);

  /** The same body, gzip-compressed into {@code gzip}. */
  GrowableBytes gzipBody(Gzip gzip, EncodedItems items, int[] indices, int from, int to);

  /** The request of an operation the batch endpoint does not carry. The body is valid until the next call. */
  V1Request encodeSingle(Operation op) throws IOException;

  /**
   * True when a batch answered 400 as a whole (no per-item errors, as the Pipelines API answers in
   * strict mode) is split in halves until the offending calls stand alone, so one bad call does not
   * take its batch's good calls down with it.
   */
  boolean splitsRejectedBatch();
}
