package io.trackweave.relay;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Forms batches from the waiting records and hands them to idle senders: full ones at once, partial ones once
 * their oldest record waited {@code flush.interval} (or the relay is stopping). A partition joins a batch only
 * while it has none in flight, so a person's operations reach Customer.io in the order they were captured.
 * Poll thread only.
 */
final class Dispatcher {
  private final HeldPartitions held;
  private final BlockingQueue<Batch> handoff;
  private final RelayOverflow overflow;
  private final Consumer<byte[], byte[]> consumer;
  private final LongSupplier nanoClock;
  private final AtomicBoolean running;
  private final int batchMax;
  private final long flushNanos;
  private final int maxWaitingPerPartition;

  Dispatcher(HeldPartitions held, BlockingQueue<Batch> handoff, RelayOverflow overflow,
      Consumer<byte[], byte[]> consumer, LongSupplier nanoClock, AtomicBoolean running, int batchMax,
      long flushNanos, int maxWaitingPerPartition) {
    this.held = held;
    this.handoff = handoff;
    this.overflow = overflow;
    this.consumer = consumer;
    this.nanoClock = nanoClock;
    this.running = running;
    this.batchMax = batchMax;
    this.flushNanos = flushNanos;
    this.maxWaitingPerPartition = maxWaitingPerPartition;
  }

  /** Hands batches to idle senders: full ones at once, partial ones once their oldest record waited flush.interval. */
  void dispatch() {
    long now = nanoClock.getAsLong();
    long hold = overflow.holdUntil();
    if (hold != Long.MIN_VALUE && hold - now > 0) {
      return; // Customer.io asked for a pause (Retry-After)
    }
    while (handoff.remainingCapacity() > 0) {
      int ready = 0;
      long oldest = Long.MAX_VALUE;
      for (PartitionBook b : held.books()) {
        if (b.eligible()) {
          ready += b.waiting;
          oldest = Math.min(oldest, b.firstWaitingSince());
        }
      }
      if (ready == 0 || ready < batchMax && now - oldest < flushNanos && running.get()) {
        return;
      }
      Batch batch = fill(new Batch(held.generation()));
      if (!handoff.offer(batch)) {
        throw new IllegalStateException("hand-off full"); // only this thread offers, after checking
      }
      for (TopicPartition tp : batch.partitions) {
        PartitionBook b = held.get(tp);
        // the buffer has room again; a partition backing off stays paused until the backoff ends
        if (b.fetchPaused && b.waiting < maxWaitingPerPartition / 2 && !b.backingOff) {
          b.fetchPaused = false;
          consumer.resume(List.of(tp));
        }
      }
    }
  }

  /** Moves up to batch.max waiting records into {@code batch}, marking their partitions in flight. */
  private Batch fill(Batch batch) {
    for (PartitionBook b : held.books()) {
      if (batch.items.size() >= batchMax) {
        break;
      }
      if (!b.eligible()) {
        continue;
      }
      for (Pending p : b.entries) {
        if (batch.items.size() >= batchMax) {
          break;
        }
        if (p.state == Pending.State.WAITING) {
          p.state = Pending.State.IN_FLIGHT;
          b.waiting--;
          batch.items.add(p);
        }
      }
      b.inFlight = true;
      batch.partitions.add(b.tp);
    }
    return batch;
  }
}
