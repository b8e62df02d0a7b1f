package io.trackweave.runtime.internal.operation;

/**
 * Customer.io's limits that more than one stage checks, in one place below them all (the public {@link
 * io.trackweave.runtime.TrackweaveConfig#MAX_BATCH_BYTES} and {@code MAX_OPERATION_BYTES} are these values).
 */
public final class Limits {
  /** Customer.io's limit for one v2 batch body. */
  public static final int MAX_BATCH_BYTES = 500_000;
  /** Customer.io's limit for one operation (v2) or request body (v1). */
  public static final int MAX_OPERATION_BYTES = 32 * 1024;

  private Limits() {}
}
