package io.trackweave.relay;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits each partition's {@link PartitionBook#settledThrough}: an offset is the relay's promise that every
 * record before it was delivered or dead-lettered, so nothing else is ever committed. Asynchronously while
 * running; synchronously when a partition is revoked or the relay stops, so the next owner starts after it.
 * Poll thread only (Kafka runs the asynchronous commits' callbacks on it too).
 */
final class OffsetCommits {
  private final Consumer<byte[], byte[]> consumer;
  private final HeldPartitions held;

  OffsetCommits(Consumer<byte[], byte[]> consumer, HeldPartitions held) {
    this.consumer = consumer;
    this.held = held;
  }

  /** Commits {@code which} and waits for Kafka; throws when it fails. */
  void commitSync(Collection<PartitionBook> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(which);
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitSync(offsets, Duration.ofSeconds(10));
    offsets.forEach((tp, o) -> {
      PartitionBook b = held.get(tp);
      if (b != null) {
        b.committed = o.offset();
      }
    });
  }

  /** Commits {@code which} without waiting; a failure is retried by the next commit. */
  void commitAsync(Collection<PartitionBook> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(which);
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(offsets, (done, e) -> {
      if (e != null) {
        Relay.LOG.log(Level.DEBUG, "trackweave-relay: commit failed ({0}); retried at the next", e.toString());
        return;
      }
      done.forEach((tp, o) -> {
        PartitionBook b = held.get(tp);
        if (b != null) {
          b.committed = Math.max(b.committed, o.offset());
        }
      });
    });
  }

  private static Map<TopicPartition, OffsetAndMetadata> uncommitted(Collection<PartitionBook> which) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionBook b : which) {
      if (b.settledThrough >= 0 && b.settledThrough > b.committed) {
        offsets.put(b.tp, new OffsetAndMetadata(b.settledThrough));
      }
    }
    return offsets;
  }
}
