package io.trackweave.relay;

import io.trackweave.runtime.internal.metrics.Ledger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The poll thread, the only one that touches the consumer (a Kafka consumer is not thread-safe): it fetches
 * and decodes records into their partitions' books, takes back finished batches, hands out new ones, and once
 * a second commits and measures the backlog. When it stops it lets the batches in flight settle, commits, and
 * closes the consumer.
 */
final class PollLoop implements Runnable {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final long MAINTENANCE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final HeldPartitions held;
  private final Rebalance rebalance;
  private final Settlement settlement;
  private final Dispatcher dispatcher;
  private final OffsetCommits commits;
  private final Backlog backlog;
  private final Ledger ledger;
  private final AtomicBoolean running;
  private final LongSupplier nanoClock;
  private final int maxWaitingPerPartition;
  private final Duration shutdownTimeout;
  private long nextMaintenance;

  PollLoop(Consumer<byte[], byte[]> consumer, String topic, HeldPartitions held, Rebalance rebalance,
      Settlement settlement, Dispatcher dispatcher, OffsetCommits commits, Backlog backlog, Ledger ledger,
      AtomicBoolean running, LongSupplier nanoClock, int maxWaitingPerPartition, Duration shutdownTimeout) {
    this.consumer = consumer;
    this.topic = topic;
    this.held = held;
    this.rebalance = rebalance;
    this.settlement = settlement;
    this.dispatcher = dispatcher;
    this.commits = commits;
    this.backlog = backlog;
    this.ledger = ledger;
    this.running = running;
    this.nanoClock = nanoClock;
    this.maxWaitingPerPartition = maxWaitingPerPartition;
    this.shutdownTimeout = shutdownTimeout;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), rebalance);
      while (running.get()) {
        settlement.drainCompletions();
        settlement.resumeWhenDue();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          accept(r);
        }
        settlement.drainCompletions();
        dispatcher.dispatch();
        maintain();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException | Error e) {
      Relay.LOG.log(Level.ERROR, "trackweave-relay: the poll loop failed; stopping (uncommitted records are"
          + " redelivered to the group)", e);
      running.set(false);
    } finally {
      try {
        settlement.awaitInFlight(held.partitions(), shutdownTimeout.toNanos());
        commits.commitSync(held.books());
      } catch (RuntimeException e) {
        Relay.LOG.log(Level.WARNING, "trackweave-relay: final commit failed ({0}); the group redelivers from the"
            + " last commit (duplicates are harmless: event ids)", e.toString());
      }
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Adds a fetched record to its partition's book; pauses fetching from a partition whose book is full. */
  private void accept(ConsumerRecord<byte[], byte[]> r) {
    PartitionBook book = held.get(new TopicPartition(r.topic(), r.partition()));
    if (book == null || book.rewoundTo >= 0 && r.offset() < book.rewoundTo) {
      return; // no longer ours, or fetched before a rewind
    }
    book.entries.addLast(Pending.fetched(r, nanoClock.getAsLong()));
    book.waiting++;
    // memory stays bounded whatever the backlog: Kafka keeps what this relay cannot hold yet
    if (book.waiting >= maxWaitingPerPartition && !book.fetchPaused) {
      book.fetchPaused = true;
      consumer.pause(List.of(book.tp));
    }
  }

  /** Once a second: commits what settled, measures the backlog, and lets the warnings speak. */
  private void maintain() {
    long now = nanoClock.getAsLong();
    if (now - nextMaintenance < 0) {
      return;
    }
    nextMaintenance = now + MAINTENANCE_NANOS;
    commits.commitAsync(held.books());
    backlog.measure();
    ledger.emitWarnings();
  }
}
