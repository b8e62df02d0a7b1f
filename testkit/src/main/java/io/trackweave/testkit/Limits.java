package io.trackweave.testkit;

/**
 * Customer.io's Track API size limits.
 *
 * @param maxOperationBytes one operation: a v1 call, a v2 entity call, or one item of a batch (32 KB)
 * @param maxBatchBytes a whole v2 batch (500 KB)
 */
public record Limits(int maxOperationBytes, int maxBatchBytes) {
  public static final Limits CUSTOMER_IO = new Limits(32 * 1024, 500 * 1024);

  public Limits {
    if (maxOperationBytes < 1 || maxBatchBytes < maxOperationBytes) {
      throw new IllegalArgumentException(
          "need 0 < maxOperationBytes <= maxBatchBytes: " + maxOperationBytes + ", " + maxBatchBytes);
    }
  }
}
