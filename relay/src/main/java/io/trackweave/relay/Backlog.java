package io.trackweave.relay;

import java.time.Duration;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * How far behind the relay is, for the status line, the MXBean and {@link Staleness}: the records of the held
 * partitions not yet settled (those Kafka has not handed over, plus those fetched and not settled or rewound
 * to), and the capture time of the oldest of them. Poll thread only.
 */
final class Backlog {
  private final Consumer<byte[], byte[]> consumer;
  private final HeldPartitions held;
  private final RelayStats stats;
  private final Staleness staleness;

  Backlog(Consumer<byte[], byte[]> consumer, HeldPartitions held, RelayStats stats, Staleness staleness) {
    this.consumer = consumer;
    this.held = held;
    this.stats = stats;
    this.staleness = staleness;
  }

  /** Measures the lag and the oldest undelivered record into the stats, and warns if that record is old. */
  void measure() {
    long totalLag = 0;
    long oldest = Long.MAX_VALUE;
    for (PartitionBook b : held.books()) {
      long base = b.entries.isEmpty() ? -1 : b.entries.peekFirst().offset();
      if (base < 0 && b.rewoundTo >= 0 && b.backingOff) {
        base = b.rewoundTo;
      }
      OptionalLong behind = consumer.currentLag(b.tp);
      long position;
      try {
        position = consumer.position(b.tp, Duration.ofMillis(50));
      } catch (RuntimeException e) {
        continue; // not known yet (just assigned): measured at the next round
      }
      totalLag += (behind.isPresent() ? behind.getAsLong() : 0) + (base >= 0 ? Math.max(0, position - base) : 0);
      if (!b.entries.isEmpty()) {
        oldest = Math.min(oldest, b.entries.peekFirst().record.timestamp());
      } else if (b.heldSinceMillis >= 0) {
        oldest = Math.min(oldest, b.heldSinceMillis);
      }
    }
    stats.lag = totalLag;
    stats.oldestUndeliveredMillis = oldest == Long.MAX_VALUE ? -1 : oldest;
    staleness.check(stats.oldestUndeliveredMillis);
  }
}
