package io.trackweave.relay;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * What the relay does when the group moves partitions: a revoked partition's batch in flight settles and its
 * offset is committed first, so the next owner starts after it; the held partitions change; and this relay's
 * share of the workspace's rate ({@link FleetBudget}) follows the share of partitions it now holds. Kafka
 * calls it on the poll thread, inside {@code poll}.
 */
final class Rebalance implements ConsumerRebalanceListener {
  /** How long a revocation waits for the batches in flight before committing what has settled. */
  private static final long REVOKE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final HeldPartitions held;
  private final Settlement settlement;
  private final OffsetCommits commits;
  private final FleetBudget budget;
  private final RelayStats stats;

  Rebalance(Consumer<byte[], byte[]> consumer, String topic, HeldPartitions held, Settlement settlement,
      OffsetCommits commits, FleetBudget budget, RelayStats stats) {
    this.consumer = consumer;
    this.topic = topic;
    this.held = held;
    this.settlement = settlement;
    this.commits = commits;
    this.budget = budget;
    this.stats = stats;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    // what is in flight settles first, so its offsets are committed and the next owner starts after them
    settlement.awaitInFlight(partitions, REVOKE_WAIT_NANOS);
    List<PartitionBook> revoked = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionBook b = held.get(tp);
      if (b != null) {
        revoked.add(b);
      }
    }
    try {
      commits.commitSync(revoked);
    } catch (RuntimeException e) {
      Relay.LOG.log(Level.WARNING, "trackweave-relay: commit at revocation failed ({0}); the next owner"
          + " redelivers (duplicates are harmless: event ids)", e.toString());
    }
    held.removed(partitions);
    rebudget();
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    held.removed(partitions); // another relay owns them already: nothing may be committed
    rebudget();
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    held.assigned(partitions);
    rebudget();
  }

  private void rebudget() {
    int total;
    try {
      total = consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
    } catch (RuntimeException e) {
      total = Math.max(stats.partitionsTotal, held.size());
    }
    int holding = held.size();
    double rate = budget.rebalanced(holding, total);
    stats.partitionsHeld = holding;
    stats.partitionsTotal = total;
    Relay.LOG.log(Level.INFO, String.format(Locale.ROOT,
        "trackweave-relay: holding %d of %d partitions of %s: %.2f of the workspace's %.2f requests/s",
        holding, total, topic, rate, budget.workspaceRate()));
  }
}
