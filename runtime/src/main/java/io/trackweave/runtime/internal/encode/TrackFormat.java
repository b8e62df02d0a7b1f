package io.trackweave.runtime.internal.encode;

import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.util.List;

/**
 * The Track API: v2 batches what its batch schema has ({@link Action#batchable()}) and sends the rest
 * (anonymous events) to v1; v1 sends every call alone. A 207 names the failed items of a batch.
 */
final class TrackFormat implements WireFormat {
  private final OperationEncoder encoder = new OperationEncoder();
  private final V1Encoder v1 = new V1Encoder();
  private final boolean v2;

  TrackFormat(boolean v2) {
    this.v2 = v2;
  }

  @Override
  public boolean batches(Action action) {
    return v2 && action.batchable();
  }

  @Override
  public String batchPath() {
    return "api/v2/batch";
  }

  @Override
  public EncodedItems encodeItems(List<Operation> ops) {
    return encoder.encodeItems(ops);
  }

  @Override
  public int bodyOverhead() {
    return OperationEncoder.BODY_OVERHEAD;
  }

  @Override
  public GrowableBytes body(EncodedItems items, int[] indices, int from, int to) {
    return encoder.body(items, indices, from, to);
  }

  @Override
  public GrowableBytes gzipBody(Gzip gzip, EncodedItems items, int[] indices, int from, int to) {
    return encoder.gzipBody(gzip, items, indices, from, to);
  }

  @Override
  public V1Request encodeSingle(Operation op) throws IOException {
    return v1.encode(op);
  }

  @Override
  public boolean splitsRejectedBatch() {
    return false; // a v2 batch's 400 is about the request itself; item errors come as a 207
  }
}
