package io.trackweave.runtime;

/**
 * What became of the calls a runtime captured, counted since it was created, as of the end of a {@link
 * TrackweaveRuntime#flush flush} or {@link TrackweaveRuntime#close close}.
 *
 * @param delivered operations Customer.io accepted
 * @param rejected operations refused, at capture (bad input) or by Customer.io (with its reason); never
 *     retried
 * @param dropped operations given up: duplicates, a full queue, retries exhausted, calls after close
 * @param pending operations accepted but not yet settled when the deadline passed (0 when the flush
 *     completed)
 */
public record DeliveryReport(long delivered, long rejected, long dropped, long pending) {

  /** True when nothing accepted was still waiting or in flight at the deadline. */
  public boolean complete() {
    return pending == 0;
  }
}
