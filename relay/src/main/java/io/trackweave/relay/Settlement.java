package io.trackweave.relay;

import io.trackweave.runtime.internal.send.Backoff;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What became of the batches the senders finished. Settled records (delivered or dead-lettered) leave the
 * head of their partition's book, which moves the offset to commit. At the first record Customer.io could
 * not take yet, the partition is sought back to it and paused for a backoff (or the Retry-After), instead
 * of being kept in memory: Kafka holds it, and it is fetched again when the pause ends. Poll thread only.
 */
final class Settlement {
  private final HeldPartitions held;
  private final Queue<Batch> done;
  private final Consumer<byte[], byte[]> consumer;
  private final RelayOverflow overflow;
  private final Backoff backoff;
  private final LongSupplier nanoClock;
  private final RelayStats stats;

  Settlement(HeldPartitions held, Queue<Batch> done, Consumer<byte[], byte[]> consumer, RelayOverflow overflow,
      Backoff backoff, LongSupplier nanoClock, RelayStats stats) {
    this.held = held;
    this.done = done;
    this.consumer = consumer;
    this.overflow = overflow;
    this.backoff = backoff;
    this.nanoClock = nanoClock;
    this.stats = stats;
  }

  /** Takes every batch the senders finished and settles the partitions it held, if they are still this relay's. */
  void drainCompletions() {
    Batch batch;
    while ((batch = done.poll()) != null) {
      for (TopicPartition tp : batch.partitions) {
        PartitionBook book = held.get(tp);
        if (book != null && book.generation <= batch.generation) {
          book.inFlight = false;
          settle(book);
        }
      }
    }
  }

  /** Drops settled records from the head; at a failed one, rewinds the partition to it and pauses it. */
  private void settle(PartitionBook book) {
    while (!book.entries.isEmpty()) {
      Pending head = book.entries.peekFirst();
      if (head.state == Pending.State.DELIVERED || head.state == Pending.State.REJECTED) {
        book.entries.removeFirst();
        book.settledThrough = head.offset() + 1;
        book.heldSinceMillis = -1;
      } else {
        break;
      }
    }
    Pending head = book.entries.peekFirst();
    if (head != null && head.state == Pending.State.FAILED) {
      rewind(book, head);
    } else if (head == null || head.state != Pending.State.IN_FLIGHT) {
      book.failures = 0;
    }
  }

  private void rewind(PartitionBook book, Pending failed) {
    stats.rewinds.incrementAndGet();
    book.failures++;
    long now = nanoClock.getAsLong();
    long ceiling = backoff.ceilingNanos(book.failures);
    // jittered, so the partitions of a fleet do not all come back at the same moment
    long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    long hold = overflow.holdUntil();
    if (hold != Long.MIN_VALUE && hold - (now + delay) > 0) {
      delay = hold - now;
    }
    book.settledThrough = failed.offset();
    book.rewoundTo = failed.offset();
    book.heldSinceMillis = failed.record.timestamp();
    book.entries.clear();
    book.waiting = 0;
    book.fetchPaused = false; // its buffer is gone: the backoff's pause is the only one now
    book.backingOff = true;
    book.backoffUntil = now + delay;
    consumer.seek(book.tp, failed.offset());
    consumer.pause(List.of(book.tp));
  }

  /** Resumes the partitions whose backoff is over, unless Customer.io's Retry-After still holds every one. */
  void resumeWhenDue() {
    long now = nanoClock.getAsLong();
    long hold = overflow.holdUntil();
    boolean heldBack = hold != Long.MIN_VALUE && hold - now > 0;
    for (PartitionBook b : held.books()) {
      if (b.backingOff && now - b.backoffUntil >= 0 && !heldBack) {
        b.backingOff = false;
        if (!b.fetchPaused) {
          consumer.resume(List.of(b.tp));
        }
      }
    }
  }

  /** Waits (draining completions) until no batch in flight touches {@code partitions}, at most {@code nanos}. */
  void awaitInFlight(Collection<TopicPartition> partitions, long nanos) {
    long deadline = nanoClock.getAsLong() + nanos;
    while (nanoClock.getAsLong() - deadline < 0) {
      drainCompletions();
      boolean busy = false;
      for (TopicPartition tp : partitions) {
        PartitionBook b = held.get(tp);
        busy |= b != null && b.inFlight;
      }
      if (!busy) {
        return;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
