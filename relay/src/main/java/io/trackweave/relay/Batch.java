package io.trackweave.relay;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Operations handed to one sender: from partitions with no other batch in flight. Filled by the poll thread
 * before the hand-off and handed back through the completion queue, which orders the two threads' writes.
 */
final class Batch {
  /** The rebalance generation it was formed in: a partition assigned since does not take its completion. */
  final long generation;
  final List<Pending> items = new ArrayList<>();
  final List<TopicPartition> partitions = new ArrayList<>();

  Batch(long generation) {
    this.generation = generation;
  }
}
