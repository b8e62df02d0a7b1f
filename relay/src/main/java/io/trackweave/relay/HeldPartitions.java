package io.trackweave.relay;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions this relay holds, each with its {@link PartitionBook}, and the rebalance generation that
 * gave them: a batch formed before a partition was assigned again must not settle the new owner's book.
 * Poll thread only (Kafka runs the rebalance callbacks on it).
 */
final class HeldPartitions {
  /** In assignment order, so batches take the partitions in a stable order. */
  private final Map<TopicPartition, PartitionBook> books = new LinkedHashMap<>();
  private long generation;

  /** The book of {@code tp}, or null when this relay no longer holds it. */
  PartitionBook get(TopicPartition tp) {
    return books.get(tp);
  }

  /** A live view of every held partition's book. */
  Collection<PartitionBook> books() {
    return books.values();
  }

  /** A live view of the held partitions. */
  Set<TopicPartition> partitions() {
    return books.keySet();
  }

  int size() {
    return books.size();
  }

  long generation() {
    return generation;
  }

  /** Starts a new generation with a fresh book for each of {@code partitions}. */
  void assigned(Collection<TopicPartition> partitions) {
    generation++;
    for (TopicPartition tp : partitions) {
      books.put(tp, new PartitionBook(tp, generation));
    }
  }

  /** Forgets {@code partitions}: revoked or lost to another relay. */
  void removed(Collection<TopicPartition> partitions) {
    partitions.forEach(books::remove);
  }
}
