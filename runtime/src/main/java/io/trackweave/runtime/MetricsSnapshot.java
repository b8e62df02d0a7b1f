package io.trackweave.runtime;

import java.util.Map;

/**
 * The runtime's counters at one moment. Counts are since the runtime was created.
 *
 * @param enqueued operations accepted into the queue
 * @param delivered operations Customer.io accepted
 * @param rejected operations refused (at capture or by Customer.io)
 * @param rejectedByReason {@code rejected}, split by reason
 * @param dropped operations given up
 * @param droppedByReason {@code dropped}, split by reason
 * @param retried operations re-sent after a retryable failure (one per operation per retry)
 * @param violations tracking-plan violations reported by generated mappers
 * @param queueBytes estimated bytes held: waiting, being batched or in flight
 * @param queueOperations operations held: waiting, being batched or in flight
 * @param requests HTTP requests answered (any status)
 * @param batchLatencyCount requests timed (including retries)
 * @param batchLatencyTotalNanos sum of the time from first send to settled, per request
 * @param batchLatencyMaxNanos the longest of those
 * @param spilled operations the disk spool took (queue full, a backlog, or Customer.io unreachable);
 *     each later ends as delivered, rejected or dropped
 * @param replayed operations read back from the spool into the queue (after a restart too)
 * @param spoolCorruptSkipped torn or corrupt spool records detected by checksum and skipped
 * @param spoolBytes bytes of spool segment files on disk
 * @param staleEvents events sent (live mode) when already older than 72 hours: delivered, but Customer.io
 *     triggers no campaign from them
 * @param violationsByProperty {@code violations}, split by {@code event.property} (for example a String
 *     outside the plan's enum, counted where the mapper found it)
 */
public record MetricsSnapshot(
    long enqueued,
    long delivered,
    long rejected,
    Map<String, Long> rejectedByReason,
    long dropped,
    Map<String, Long> droppedByReason,
    long retried,
    long violations,
    long queueBytes,
    long queueOperations,
    long requests,
    long batchLatencyCount,
    long batchLatencyTotalNanos,
    long batchLatencyMaxNanos,
    long spilled,
    long replayed,
    long spoolCorruptSkipped,
    long spoolBytes,
    long staleEvents,
    Map<String, Long> violationsByProperty) {

  public MetricsSnapshot {
    rejectedByReason = Map.copyOf(rejectedByReason);
    droppedByReason = Map.copyOf(droppedByReason);
    violationsByProperty = Map.copyOf(violationsByProperty);
  }

  /** Mean batch latency in milliseconds, or 0 before the first request. */
  public double batchLatencyMeanMillis() {
    return batchLatencyCount == 0 ? 0 : batchLatencyTotalNanos / 1e6 / batchLatencyCount;
  }
}
