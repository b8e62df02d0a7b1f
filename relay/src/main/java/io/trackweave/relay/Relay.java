package io.trackweave.relay;

import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.kafka.internal.RecordFormat;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.RejectionWarning;
import io.trackweave.runtime.internal.metrics.StaleWarning;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.send.Backoff;
import io.trackweave.runtime.internal.send.Delivery;
import io.trackweave.runtime.internal.send.HttpTransport;
import io.trackweave.runtime.internal.send.Pause;
import io.trackweave.runtime.internal.send.Reachability;
import io.trackweave.runtime.internal.send.TokenBucket;
import io.trackweave.runtime.internal.spool.OperationCodec;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The relay's loop. One poll thread owns the consumer: it fetches records, decodes them, hands batches to
 * the sender threads, and commits. The sender threads deliver with the runtime's own {@link Delivery}
 * (batching within Customer.io's limits, 207 per-item errors, 413 halving, the token bucket), and
 * dead-letter what Customer.io refused for good.
 *
 * <p>The rules that make it safe:
 *
 * <ul>
 *   <li>A partition has at most one batch in flight, so a person's operations reach Customer.io in the
 *       order they were captured.
 *   <li>An offset is committed only when every record before it was delivered or dead-lettered.
 *   <li>What Customer.io cannot take now (unreachable, 429, 5xx) is not kept in memory: the partition is
 *       rewound to the first such record and paused (for Retry-After, else a backoff), then resumed. While
 *       many records wait, fetching pauses too: memory stays bounded whatever the backlog.
 *   <li>The requests/s of {@code rate.limit} is the whole group's: this relay's token bucket gets the share
 *       of the partitions it holds ({@link FleetBudget}), recomputed on every rebalance.
 * </ul>
 */
final class Relay implements AutoCloseable {
  private static final Logger LOG = System.getLogger("io.trackweave.relay");
  private static final Duration POLL = Duration.ofMillis(50);
  /** Refusals that say the relay is misconfigured, not that the operation is bad. */
  private static final java.util.Set<String> NOT_THE_OPERATIONS_FAULT =
      java.util.Set.of("unauthorized", "forbidden", "redirect_refused");

  private final TrackweaveConfig config;
  private final String topic;
  private final Consumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final LongSupplier nanoClock;
  private final Ledger ledger;
  /** Only carries the receipts: the relay's books are its partitions'. */
  private final OperationQueue receipts = new OperationQueue(Long.MAX_VALUE, Long.MAX_VALUE, 1, 1);
  private final RelayOverflow overflow;
  private final FleetBudget budget;
  private final HttpTransport http;
  private final Backoff backoff;
  private final int batchMax;
  private final int maxWaitingPerPartition;
  private final long flushNanos;

  private final Map<TopicPartition, PartitionBook> books = new LinkedHashMap<>();
  private final BlockingQueue<Batch> handoff;
  private final ConcurrentLinkedQueue<Batch> done = new ConcurrentLinkedQueue<>();
  private final List<Thread> senders = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread pollThread;
  private final Staleness staleness;
  private long generation;
  private int inFlightBatches;
  private long nextMaintenance;

  final AtomicLong delivered = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong undecodable = new AtomicLong();
  final AtomicLong rewinds = new AtomicLong();
  volatile long lag;
  volatile long oldestUndeliveredMillis = -1;
  volatile int partitionsHeld;
  volatile int partitionsTotal;

  Relay(TrackweaveConfig config, Consumer<byte[], byte[]> consumer, DeadLetters deadLetters, LongSupplier nanoClock) {
    this.config = config;
    this.topic = config.kafkaTopic();
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.nanoClock = nanoClock;
    long period = TimeUnit.SECONDS.toNanos(30);
    this.ledger = new Ledger(config.listener(), new DropWarning(period, nanoClock, LogSink.SYSTEM),
        new ViolationWarning(period, nanoClock, LogSink.SYSTEM), new RejectionWarning(period, nanoClock, LogSink.SYSTEM),
        new StaleWarning(period, nanoClock, LogSink.SYSTEM));
    this.overflow = new RelayOverflow(nanoClock);
    TokenBucket bucket = new TokenBucket(config.rateLimit(), nanoClock);
    this.budget = new FleetBudget(config.rateLimit(), bucket);
    budget.rebalanced(0, 1);
    this.http = new HttpTransport(RelaySettings.http(config));
    this.backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    this.batchMax = config.batchMaxOperations();
    this.maxWaitingPerPartition = Math.max(2 * batchMax, 1000);
    this.flushNanos = config.flushInterval().toNanos();
    this.handoff = new ArrayBlockingQueue<>(config.senders());
    this.staleness = new Staleness(System::currentTimeMillis, LOG);
    AtomicBoolean unauthorizedLogged = new AtomicBoolean();
    Reachability reachability = new Reachability();
    for (int i = 0; i < config.senders(); i++) {
      Thread t = new Thread(() -> send(bucket, unauthorizedLogged, reachability), "trackweave-relay-sender-" + (i + 1));
      t.setDaemon(true);
      senders.add(t);
    }
    this.pollThread = new Thread(this::run, "trackweave-relay-poll");
    pollThread.setDaemon(true); // the main thread waits for it; a shutdown hook stops it
  }

  void start() {
    senders.forEach(Thread::start);
    pollThread.start();
  }

  /** Stops fetching, lets the batches in flight settle, commits, and stops, within {@code timeout}. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
  }

  void close(Duration timeout) {
    if (!running.compareAndSet(true, false)) {
      return;
    }
    consumer.wakeup();
    join(pollThread, timeout);
    for (Thread t : senders) {
      t.interrupt();
    }
    http.cancelAll();
    for (Thread t : senders) {
      join(t, Duration.ofSeconds(1));
    }
    http.close();
  }

  boolean isRunning() {
    return pollThread.isAlive();
  }

  double budgetShare() {
    return budget.share();
  }

  // ---- the poll thread ----

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running.get()) {
        drainCompletions();
        resumeWhenDue();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          accept(r);
        }
        drainCompletions();
        dispatch();
        maintain();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "trackweave-relay: the poll loop failed; stopping (uncommitted records are redelivered"
          + " to the group)", e);
      running.set(false);
    } finally {
      try {
        awaitInFlight(books.keySet(), config.shutdownTimeout().toNanos());
        commit(books.values(), true);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "trackweave-relay: final commit failed ({0}); the group redelivers from the last"
            + " commit (duplicates are harmless: event ids)", e.toString());
      }
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> r) {
    PartitionBook book = books.get(new TopicPartition(r.topic(), r.partition()));
    if (book == null || book.rewoundTo >= 0 && r.offset() < book.rewoundTo) {
      return; // no longer ours, or fetched before a rewind
    }
    Pending p = new Pending(r, nanoClock.getAsLong());
    try {
      p.op = RecordFormat.decode(r.value(), p);
    } catch (OperationCodec.Malformed m) {
      // a newer release's record says so in its header too; a damaged one only looks like it
      boolean newer = m.newerVersion() > 0
          && String.valueOf(m.newerVersion()).equals(RecordFormat.header(r.headers(), RecordFormat.HEADER_VERSION));
      String reason = newer ? "newer_encoding_version" : "undecodable";
      String message = newer
          ? "written by a newer Trackweave (encoding version " + m.newerVersion() + "; this relay reads "
              + OperationCodec.VERSION + "): upgrade the relay, then replay it from the dead-letter topic"
          : m.getMessage();
      // dead-lettered by a sender in its turn, so it settles in offset order with the records around it
      p.reason = reason;
      p.message = message;
    }
    book.entries.addLast(p);
    book.waiting++;
    if (book.waiting >= maxWaitingPerPartition && !book.fetchPaused) {
      book.fetchPaused = true;
      consumer.pause(List.of(book.tp));
    }
  }

  /** Hands batches to idle senders: full ones at once, partial ones once their oldest record waited flush.interval. */
  private void dispatch() {
    long now = nanoClock.getAsLong();
    long hold = overflow.holdUntil();
    if (hold != Long.MIN_VALUE && hold - now > 0) {
      return; // Customer.io asked for a pause (Retry-After)
    }
    while (handoff.remainingCapacity() > 0) {
      int ready = 0;
      long oldest = Long.MAX_VALUE;
      for (PartitionBook b : books.values()) {
        if (b.eligible()) {
          ready += b.waiting;
          oldest = Math.min(oldest, b.firstWaitingSince());
        }
      }
      if (ready == 0 || ready < batchMax && now - oldest < flushNanos && running.get()) {
        return;
      }
      Batch batch = new Batch(generation);
      for (PartitionBook b : books.values()) {
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
      if (!handoff.offer(batch)) {
        throw new IllegalStateException("hand-off full"); // only this thread offers, after checking
      }
      inFlightBatches++;
      for (TopicPartition tp : batch.partitions) {
        PartitionBook b = books.get(tp);
        if (b.fetchPaused && b.waiting < maxWaitingPerPartition / 2 && !b.backingOff) {
          b.fetchPaused = false;
          consumer.resume(List.of(tp));
        }
      }
    }
  }

  private void drainCompletions() {
    Batch batch;
    while ((batch = done.poll()) != null) {
      inFlightBatches--;
      for (TopicPartition tp : batch.partitions) {
        PartitionBook book = books.get(tp);
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
    rewinds.incrementAndGet();
    book.failures++;
    long now = nanoClock.getAsLong();
    long ceiling = backoff.ceilingNanos(book.failures);
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

  private void resumeWhenDue() {
    long now = nanoClock.getAsLong();
    long hold = overflow.holdUntil();
    boolean held = hold != Long.MIN_VALUE && hold - now > 0;
    for (PartitionBook b : books.values()) {
      if (b.backingOff && now - b.backoffUntil >= 0 && !held) {
        b.backingOff = false;
        if (!b.fetchPaused) {
          consumer.resume(List.of(b.tp));
        }
      }
    }
  }

  private void maintain() {
    long now = nanoClock.getAsLong();
    if (now - nextMaintenance < 0) {
      return;
    }
    nextMaintenance = now + TimeUnit.SECONDS.toNanos(1);
    commit(books.values(), false);
    long totalLag = 0;
    long oldest = Long.MAX_VALUE;
    for (PartitionBook b : books.values()) {
      long base = b.entries.isEmpty() ? -1 : b.entries.peekFirst().offset();
      if (base < 0 && b.rewoundTo >= 0 && b.backingOff) {
        base = b.rewoundTo;
      }
      OptionalLong behind = consumer.currentLag(b.tp);
      long position;
      try {
        position = consumer.position(b.tp, Duration.ofMillis(50));
      } catch (RuntimeException e) {
        continue;
      }
      totalLag += (behind.isPresent() ? behind.getAsLong() : 0) + (base >= 0 ? Math.max(0, position - base) : 0);
      if (!b.entries.isEmpty()) {
        oldest = Math.min(oldest, b.entries.peekFirst().record.timestamp());
      } else if (b.heldSinceMillis >= 0) {
        oldest = Math.min(oldest, b.heldSinceMillis);
      }
    }
    lag = totalLag;
    oldestUndeliveredMillis = oldest == Long.MAX_VALUE ? -1 : oldest;
    staleness.check(oldestUndeliveredMillis);
    ledger.emitWarnings();
  }

  private void commit(Collection<PartitionBook> which, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionBook b : which) {
      if (b.settledThrough >= 0 && b.settledThrough > b.committed) {
        offsets.put(b.tp, new OffsetAndMetadata(b.settledThrough));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(offsets, Duration.ofSeconds(10));
      offsets.forEach((tp, o) -> {
        PartitionBook b = books.get(tp);
        if (b != null) {
          b.committed = o.offset();
        }
      });
    } else {
      consumer.commitAsync(offsets, (done, e) -> {
        if (e != null) {
          LOG.log(Level.DEBUG, "trackweave-relay: commit failed ({0}); retried at the next", e.toString());
          return;
        }
        done.forEach((tp, o) -> {
          PartitionBook b = books.get(tp);
          if (b != null) {
            b.committed = Math.max(b.committed, o.offset());
          }
        });
      });
    }
  }

  /** Waits (draining completions) until no batch in flight touches {@code partitions}, at most {@code nanos}. */
  private void awaitInFlight(Collection<TopicPartition> partitions, long nanos) {
    long deadline = nanoClock.getAsLong() + nanos;
    while (nanoClock.getAsLong() - deadline < 0) {
      drainCompletions();
      boolean busy = false;
      for (TopicPartition tp : partitions) {
        PartitionBook b = books.get(tp);
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

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // what is in flight settles first, so its offsets are committed and the next owner starts after them
      awaitInFlight(partitions, TimeUnit.SECONDS.toNanos(15));
      List<PartitionBook> revoked = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        PartitionBook b = books.get(tp);
        if (b != null) {
          revoked.add(b);
        }
      }
      try {
        commit(revoked, true);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "trackweave-relay: commit at revocation failed ({0}); the next owner redelivers"
            + " (duplicates are harmless: event ids)", e.toString());
      }
      partitions.forEach(books::remove);
      rebudget();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(books::remove);
      rebudget();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      generation++;
      for (TopicPartition tp : partitions) {
        books.put(tp, new PartitionBook(tp, generation));
      }
      rebudget();
    }
  }

  private void rebudget() {
    int total;
    try {
      total = consumer.partitionsFor(topic, Duration.ofSeconds(10)).size();
    } catch (RuntimeException e) {
      total = Math.max(partitionsTotal, books.size());
    }
    int held = books.size();
    double rate = budget.rebalanced(held, total);
    partitionsHeld = held;
    partitionsTotal = total;
    LOG.log(Level.INFO, String.format(java.util.Locale.ROOT,
        "trackweave-relay: holding %d of %d partitions of %s: %.2f of the workspace's %.2f requests/s",
        held, total, topic, rate, budget.workspaceRate()));
  }

  // ---- the sender threads ----

  private void send(TokenBucket bucket, AtomicBoolean unauthorizedLogged, Reachability reachability) {
    // spillAtFirstFailure: a retryable answer settles the batch at once as given up (the overflow marks it),
    // so the partition is rewound and paused instead of a sender retrying in memory
    Delivery delivery = new Delivery(RelaySettings.delivery(config), http, bucket, ledger, receipts, overflow, Pause.SLEEP, nanoClock,
        unauthorizedLogged, true, reachability);
    try {
      while (running.get() || !handoff.isEmpty()) {
        Batch batch;
        try {
          batch = handoff.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          break;
        }
        if (batch == null) {
          continue;
        }
        List<Operation> ops = new ArrayList<>(batch.items.size());
        for (Pending p : batch.items) {
          if (p.op != null) {
            ops.add(p.op);
          }
        }
        if (!ops.isEmpty()) {
          delivery.deliver(ops);
        }
        long ok = 0;
        for (Pending p : batch.items) {
          if (p.op == null) {
            // undecodable: never sent, dead-lettered with why
            if (deadLetters.send(p.record, p.reason, p.message)) {
              undecodable.incrementAndGet();
              p.state = Pending.State.REJECTED;
              LOG.log(Level.WARNING, "trackweave-relay: record {0}-{1}@{2}: {3}; sent to {4}", p.record.topic(),
                  String.valueOf(p.record.partition()), String.valueOf(p.record.offset()), p.message,
                  deadLetters.topic());
            } else {
              p.state = Pending.State.FAILED;
            }
          } else if (p.state == Pending.State.REJECTED && NOT_THE_OPERATIONS_FAULT.contains(p.reason)) {
            // wrong credentials or endpoint: no operation can get through until that is fixed, so none is
            // dead-lettered; the partitions back off and keep the records (Delivery logs the cause)
            p.state = Pending.State.FAILED;
          } else if (p.state == Pending.State.REJECTED) {
            if (deadLetters.send(p.record, p.reason, p.message)) {
              deadLettered.incrementAndGet();
            } else {
              p.state = Pending.State.FAILED;
            }
          } else if (p.state == Pending.State.DELIVERED) {
            ok++;
          } else {
            p.state = Pending.State.FAILED; // anything not settled for good is fetched again
          }
        }
        delivered.addAndGet(ok);
        done.add(batch);
      }
    } finally {
      delivery.close();
    }
  }

  private static void join(Thread t, Duration timeout) {
    try {
      t.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Operations handed to one sender: from partitions with no other batch in flight. */
  private static final class Batch {
    final long generation;
    final List<Pending> items = new ArrayList<>();
    final List<TopicPartition> partitions = new ArrayList<>();

    Batch(long generation) {
      this.generation = generation;
    }
  }
}
