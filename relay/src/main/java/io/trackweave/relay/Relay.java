package io.trackweave.relay;

import io.trackweave.runtime.TrackweaveConfig;
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
import java.lang.System.Logger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The relay: one poll thread ({@link PollLoop}) owns the consumer: it fetches records, decodes them, hands
 * batches to the sender threads ({@link Dispatcher}), settles what they finished ({@link Settlement}) and
 * commits ({@link OffsetCommits}). The sender threads ({@link Sender}) deliver with the runtime's own
 * {@link Delivery} (batching within Customer.io's limits, 207 per-item errors, 413 halving, the token bucket),
 * and dead-letter what Customer.io refused for good. This class wires them and runs their threads.
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
 *       of the partitions it holds ({@link FleetBudget}), recomputed on every rebalance ({@link Rebalance}).
 * </ul>
 */
final class Relay implements AutoCloseable {
  static final Logger LOG = System.getLogger("io.trackweave.relay");

  private final TrackweaveConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final HttpTransport http;
  private final FleetBudget budget;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> senders = new ArrayList<>();
  private final Thread pollThread;
  /** What the status line and the MXBean show. */
  final RelayStats stats = new RelayStats();

  Relay(TrackweaveConfig config, Consumer<byte[], byte[]> consumer, DeadLetters deadLetters, LongSupplier nanoClock) {
    this.config = config;
    this.consumer = consumer;
    long period = TimeUnit.SECONDS.toNanos(30);
    Ledger ledger = new Ledger(config.listener(), new DropWarning(period, nanoClock, LogSink.SYSTEM),
        new ViolationWarning(period, nanoClock, LogSink.SYSTEM), new RejectionWarning(period, nanoClock, LogSink.SYSTEM),
        new StaleWarning(period, nanoClock, LogSink.SYSTEM));
    RelayOverflow overflow = new RelayOverflow(nanoClock);
    TokenBucket bucket = new TokenBucket(config.rateLimit(), nanoClock);
    this.budget = new FleetBudget(config.rateLimit(), bucket);
    budget.rebalanced(0, 1);
    HttpTransport http = new HttpTransport(RelaySettings.http(config));
    this.http = http;
    Backoff backoff = new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff());
    int batchMax = config.batchMaxOperations();
    int maxWaitingPerPartition = Math.max(2 * batchMax, 1000);
    BlockingQueue<Batch> handoff = new ArrayBlockingQueue<>(config.senders());
    Queue<Batch> done = new ConcurrentLinkedQueue<>();

    // the sender threads
    // only carries the receipts: the relay's books are its partitions'
    OperationQueue receipts = new OperationQueue(Long.MAX_VALUE, Long.MAX_VALUE, 1, 1);
    AtomicBoolean unauthorizedLogged = new AtomicBoolean();
    Reachability reachability = new Reachability();
    for (int i = 0; i < config.senders(); i++) {
      // spillAtFirstFailure: a retryable answer settles the batch at once as given up (the overflow marks it),
      // so the partition is rewound and paused instead of a sender retrying in memory
      Sender sender = new Sender(() -> new Delivery(RelaySettings.delivery(config), http, bucket, ledger, receipts, overflow, Pause.SLEEP,
          nanoClock, unauthorizedLogged, true, reachability), deadLetters, handoff, done, running, stats);
      Thread t = new Thread(sender, "trackweave-relay-sender-" + (i + 1));
      t.setDaemon(true);
      senders.add(t);
    }

    // the poll thread
    String topic = config.kafkaTopic();
    HeldPartitions held = new HeldPartitions();
    Settlement settlement = new Settlement(held, done, consumer, overflow, backoff, nanoClock, stats);
    OffsetCommits commits = new OffsetCommits(consumer, held);
    Dispatcher dispatcher = new Dispatcher(held, handoff, overflow, consumer, nanoClock, running, batchMax,
        config.flushInterval().toNanos(), maxWaitingPerPartition);
    Rebalance rebalance = new Rebalance(consumer, topic, held, settlement, commits, budget, stats);
    Backlog backlog = new Backlog(consumer, held, stats, new Staleness(System::currentTimeMillis, LOG));
    PollLoop loop = new PollLoop(consumer, topic, held, rebalance, settlement, dispatcher, commits, backlog, ledger,
        running, nanoClock, maxWaitingPerPartition, config.shutdownTimeout());
    this.pollThread = new Thread(loop, "trackweave-relay-poll");
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

  /** Requests per second this relay may send now: its share of the workspace's rate. */
  double budgetShare() {
    return budget.share();
  }

  private static void join(Thread t, Duration timeout) {
    try {
      t.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
