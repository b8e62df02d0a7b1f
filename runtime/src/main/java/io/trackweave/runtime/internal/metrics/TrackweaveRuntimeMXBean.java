package io.trackweave.runtime.internal.metrics;

import java.util.Map;

/** The runtime's counters over JMX, registered as {@code io.trackweave:type=Runtime,name=<name>}. */
public interface TrackweaveRuntimeMXBean {
  long getEnqueued();

  long getDelivered();

  long getRejected();

  Map<String, Long> getRejectedByReason();

  long getDropped();

  Map<String, Long> getDroppedByReason();

  long getRetried();

  long getViolations();

  long getQueueBytes();

  long getQueueOperations();

  long getRequests();

  double getBatchLatencyMeanMillis();

  double getBatchLatencyMaxMillis();

  long getSpilled();

  long getReplayed();

  long getSpoolCorruptSkipped();

  long getSpoolBytes();
}
