package io.trackweave.relay;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay reports on its status line and through {@link RelayMXBean}. The poll thread and the sender
 * threads write it; any thread reads it, so every field is atomic or volatile.
 */
final class RelayStats {
  /** Operations Customer.io accepted. */
  final AtomicLong delivered = new AtomicLong();
  /** Operations Customer.io refused for good, now in the dead-letter topic. */
  final AtomicLong deadLettered = new AtomicLong();
  /** Records the relay could not read, now in the dead-letter topic. */
  final AtomicLong undecodable = new AtomicLong();
  /** Times a partition was sought back to a record Customer.io could not take yet. */
  final AtomicLong rewinds = new AtomicLong();
  /** Records in the held partitions not yet settled, fetched or not. */
  volatile long lag;
  /** Capture time (epoch ms) of the oldest undelivered record; -1 for none. */
  volatile long oldestUndeliveredMillis = -1;
  volatile int partitionsHeld;
  volatile int partitionsTotal;
}
