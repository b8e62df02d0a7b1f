package io.trackweave.runtime;

import io.trackweave.runtime.internal.batch.Batcher;
import io.trackweave.runtime.internal.concurrent.Clocks;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.JmxRegistration;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import io.trackweave.runtime.internal.send.AnonymousOrder;
import io.trackweave.runtime.internal.send.DeliverySettings;
import io.trackweave.runtime.internal.send.LazyTransport;
import io.trackweave.runtime.internal.send.Reachability;
import io.trackweave.runtime.internal.send.SenderPool;
import io.trackweave.runtime.internal.send.Surrender;
import io.trackweave.runtime.internal.send.TokenBucket;
import io.trackweave.runtime.internal.send.TransportFactory;
import io.trackweave.runtime.internal.spool.DiskSpool;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * An enabled runtime's shipping: the batching thread, the sender pool and its transport (HTTP to
 * Customer.io, or another {@link TransportFactory}'s client), and the overflow (the disk spool, or
 * drop). Owns their start, flush, shutdown and the batching thread's housekeeping.
 */
final class ShippingThreads implements Shipping {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  /**
   * Of a close's timeout, the share kept for after the interrupt: threads end and the spool writes
   * what they hand it. The orderly part (flush, draining) gets the rest.
   */
  private static final long CLOSE_RESERVE_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  /** The memory bound's floor (see {@link #memoryBoundNanos}). */
  static final long MIN_MEMORY_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final TrackweaveConfig config;
  private final Ledger ledger;
  private final OperationQueue queue;
  private final Overflow overflow;
  /** transport=http: the HTTP client, built by the first sender; else null. */
  private final LazyTransport transport;
  /** transport=kafka (or another {@link TransportFactory}): its client, opened by the first sender; else null. */
  private final OtherTransport other;
  private final SenderPool senders;
  private final Batcher batcher;
  private final Reachability reachability;
  /** The runtime's clock for the batcher, the senders and the memory bound. */
  private final LongSupplier nanoClock = Clocks.NANO_TIME;
  private final long memoryBoundNanos;
  /** With a disk spool: how long requests may go unanswered before they are cancelled (connect.timeout); else 0. */
  private final long hangNanos;
  private final AtomicBoolean stallLogged = new AtomicBoolean();
  /** Registered by the batching thread's first turn: the platform MBean server costs hundreds of ms to start. */
  private volatile JmxRegistration jmx;
  /** Logged by the batching thread's first turn, so neither the creating thread nor a caller logs it. */
  private volatile boolean announced;
  private volatile boolean closing;
  /** Where the spool's replay puts what it reads back: the queue, counted as enqueued. */
  private final Requeue requeue = new Requeue();

  private ShippingThreads(TrackweaveConfig config, Ledger ledger, OperationQueue queue, Overflow overflow,
      TransportFactory factory) {
    this.config = config;
    this.ledger = ledger;
    this.queue = queue;
    this.overflow = overflow;
    // the HTTP client (OkHttp, Okio, Kotlin) and Jackson load on the sender threads: the runtime takes
    // calls as soon as it is created, without waiting for them
    this.transport = factory == null ? new LazyTransport(new SenderDeliveries.HttpClient(StageSettings.http(config))) : null;
    this.other = factory == null ? null : new OtherTransport(factory, config);
    TokenBucket bucket = TokenBucket.shared(config.baseUrl(), config.account(), config.rateLimit());
    AtomicBoolean unauthorizedLogged = new AtomicBoolean();
    this.reachability = new Reachability();
    this.memoryBoundNanos = memoryBoundNanos(config);
    this.hangNanos = overflow instanceof DiskSpool ? Math.max(memoryBoundNanos, config.connectTimeout().toNanos()) : 0;
    // with a disk spool, what Customer.io cannot take now goes to disk at once and is retried from there,
    // so an outage never holds accepted calls only in memory
    boolean spillAtFirstFailure = overflow instanceof DiskSpool;
    String suffix = StageSettings.threadSuffix(config);
    DeliverySettings delivery = StageSettings.delivery(config);
    // an identify waits for an earlier batch's anonymous events at most as long as one can be in flight:
    // the retry budget, and the last attempt's connect and read
    AnonymousOrder order = new AnonymousOrder(config.retryMaxTime().plus(config.connectTimeout())
        .plus(config.readTimeout()).toNanos(), nanoClock);
    // another transport gets one sender: its client pipelines by itself (Kafka's producer batches and
    // keeps several requests in flight), and one thread hands it a person's calls in capture order
    this.senders = new SenderPool(other != null ? 1 : config.senders(), "trackweave-sender" + suffix + "-",
        other != null
            ? new SenderDeliveries.OtherDeliveries(other, ledger, queue, overflow, reachability)
            : new SenderDeliveries.HttpDeliveries(delivery, transport, bucket, ledger, queue, overflow, nanoClock, unauthorizedLogged,
                spillAtFirstFailure, reachability, order),
        new Surrender(overflow, queue, ledger), nanoClock, order);
    Hooks hooks = new Hooks();
    this.batcher = new Batcher(queue, hooks, hooks, config.batchMaxOperations(), config.batchMaxBytes(),
        config.flushInterval().toNanos(), nanoClock, hooks);
    batcher.divertWhile(hooks);
    if (spillAtFirstFailure) {
      batcher.spillAfter(memoryBoundNanos, hooks);
    }
  }

  /**
   * With a disk spool, the longest a finished batch waits in memory for a sender (every sender busy
   * on a request, or still loading the HTTP client) before it, and every call queued behind it, goes
   * to the spool: {@code spool.fsync.interval}, the loss window the user already accepts for what is in
   * the spool, so memory does not hold calls longer than the spool may; but never less than 1 s, which
   * a healthy Customer.io answers well within, so a working pipeline (a batch fills for at most
   * {@code flush.interval}, then waits at most about one request for a free sender) does not spill.
   * A call therefore stays in memory only for {@code flush.interval} plus this bound before it is on
   * its way to disk (or in a request).
   */
  static long memoryBoundNanos(TrackweaveConfig config) {
    return Math.max(MIN_MEMORY_BOUND_NANOS, config.spoolFsyncInterval().toNanos());
  }

  /**
   * Batching thread: calls waited for a sender past the memory bound (the senders are still starting,
   * or every one is on a request that is slow or never answered). They go to the spool, whose backlog
   * then takes the queued calls behind them too ({@link #divert}). Said once: it is no failure.
   */
  private void spillStalled(List<Operation> ops) {
    if (stallLogged.compareAndSet(false, true) && !reachability.isDown()) {
      LOG.log(Level.INFO, "Trackweave: calls waited {0} ms for a sender (the senders are starting, or Customer.io"
          + " is slow to answer); they wait in the disk spool instead and are sent from there",
          memoryBoundNanos / 1_000_000);
    }
    senders.giveUp(ops, "unreachable"); // settles their anonymous events in the merge order too
  }

  /**
   * Batching thread, each turn: with a disk spool, when requests have been outstanding for
   * {@code connect.timeout} without any answer (a server that takes the connection and never answers),
   * they are cancelled, so their calls go to the spool the way a failed request's do instead of
   * waiting in memory for {@code read.timeout}; the spool's replay sends them again. A slow but working
   * Customer.io answers within that time, and its requests are left alone; a request cancelled that
   * may still have arrived is sent again with the same event id, which Customer.io deduplicates.
   */
  private void cancelUnanswered() {
    if (hangNanos <= 0 || transport == null || !reachability.unansweredFor(hangNanos, nanoClock.getAsLong())) {
      return;
    }
    if (reachability.failed()) {
      LOG.log(Level.WARNING, "Trackweave: Customer.io took the connection but has not answered for {0} s; the"
          + " requests are cancelled and their calls go to the disk spool, which retries them until delivered",
          hangNanos / 1_000_000_000);
    }
    transport.cancelAll();
  }

  /**
   * Starts the threads that ship what lands in {@code queue}; {@code factory} is null for HTTP to
   * Customer.io, else the other transport's.
   */
  static ShippingThreads start(TrackweaveConfig config, Ledger ledger, OperationQueue queue, Overflow overflow,
      TransportFactory factory) {
    ShippingThreads shipping = new ShippingThreads(config, ledger, queue, overflow, factory);
    shipping.senders.start();
    shipping.batcher.start("trackweave-batcher" + StageSettings.threadSuffix(config));
    return shipping;
  }

  /**
   * Batching thread: while the spool holds a backlog (Customer.io is unreachable, or a replay is still
   * catching up), a call that was queued before it began goes to the spool behind it instead of
   * waiting in memory, so a kill during an outage finds it on disk. Replayed calls are never diverted.
   */
  private boolean divert(Operation op) {
    if (op.receipt() != null || !overflow.backlogged()) {
      return false;
    }
    boolean taken;
    try {
      taken = overflow.offerWhenFull(op);
    } catch (Throwable t) {
      taken = false;
    }
    if (taken) {
      queue.release(op);
      ledger.handedOver(1);
    }
    return taken;
  }

  private int replay() {
    if (overflow == Overflow.DROP || closing) {
      return 0;
    }
    try {
      return overflow.replay(requeue);
    } catch (Throwable t) {
      return 0;
    }
  }

  /**
   * The batching thread's housekeeping: requests unanswered too long cancelled, the start-up line once,
   * then the rate-limited warnings.
   */
  private void housekeeping() {
    cancelUnanswered();
    if (!announced) {
      announced = true;
      LOG.log(Level.INFO, describe());
      if (config.jmx() && !closing) {
        jmx = JmxRegistration.register(config.name(), ledger::snapshot);
      }
    }
    ledger.emitWarnings();
  }

  /** The start-up line: where calls go, which API, and where they are kept while they cannot be sent. */
  String describe() {
    if (other != null) {
      return "Trackweave " + (config.name().equals("default") ? "" : "'" + config.name() + "' ")
          + "publishes to Kafka topic " + config.transportSettings().kafkaTopic() + " at "
          + config.transportSettings().bootstrapServers() + " for trackweave-relay; undelivered calls are kept in "
          + keptIn();
    }
    String where = config.endpoint() != null
        ? config.baseUrl() + " (endpoint)"
        : config.baseUrl() + " (region " + config.region().name().toLowerCase(Locale.ROOT) + ")";
    return "Trackweave " + (config.name().equals("default") ? "" : "'" + config.name() + "' ") + "sends to " + where
        + (config.apiVersion() == ApiVersion.PIPELINES ? ", Data Pipelines API"
            : ", Track API " + config.apiVersion().settingValue()) + "; undelivered calls are kept in "
        + keptIn();
  }

  private String keptIn() {
    String keep;
    if (overflow instanceof DiskSpool spool) {
      keep = "disk spool " + spool.directory() + " (fsync " + config.spoolFsync().name().toLowerCase(Locale.ROOT)
          + ", up to " + config.spoolMaxBytes() + " bytes)";
    } else if (overflow != Overflow.DROP) {
      keep = "overflow " + overflow;
    } else {
      keep = "memory only (no spool)";
    }
    return keep;
  }

  @Override
  public DeliveryReport flush(Duration timeout) {
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    long target = ledger.enqueuedCount();
    batcher.requestFlush();
    while (ledger.settledCount() < target && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(1_000_000);
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    // what went to the spool (from callers or senders) is written, and synced per spool.fsync
    try {
      overflow.persist(Math.max(0, deadline - System.nanoTime()));
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "Trackweave: persisting the overflow failed: {0}", t.toString());
    }
    return ledger.report();
  }

  @Override
  public DeliveryReport close(Duration timeout) {
    closing = true;
    // one deadline for every stage: flush and drain until interruptAt, then interrupt, cancel what is
    // in flight, hand the rest to the overflow and close it, all by the deadline
    long total = Math.max(0, timeout.toNanos());
    long deadline = System.nanoTime() + total;
    long interruptAt = deadline - Math.min(total / 5, CLOSE_RESERVE_MAX_NANOS);
    try {
      overflow.shutdownBy(deadline);
    } catch (Throwable t) {
      // an overflow that cannot take a deadline keeps its own bounds
    }
    flush(Duration.ofNanos(Math.max(0, interruptAt - System.nanoTime())));
    List<Operation> left = batcher.stop(interruptAt, deadline);
    senders.stop(interruptAt, deadline, new CancelInFlight());
    if (!left.isEmpty()) {
      senders.giveUp(left, "shutdown");
    }
    if (other != null) {
      other.close();
    } else {
      transport.close();
    }
    try {
      overflow.close();
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "Trackweave: closing the overflow failed: {0}", t.toString());
    }
    JmxRegistration registered = jmx;
    if (registered != null) {
      registered.close();
    }
    DeliveryReport report = ledger.report();
    ledger.emitFinalWarnings(); // the batching thread is gone: what it had not summarised yet
    String summary = closingSummary(report, ledger.snapshot());
    if (summary != null) {
      LOG.log(Level.WARNING, summary);
    }
    return report;
  }

  /** Cancels the requests in flight (close, past its orderly part); a class, not a lambda to spin at exit. */
  private final class CancelInFlight implements Runnable {
    @Override
    public void run() {
      if (other != null) {
        other.cancelAll();
      } else {
        transport.cancelAll();
      }
    }
  }

  /**
   * One line for close when anything was not delivered, else null: what was rejected or dropped (by
   * reason), what was still unsettled at the deadline, and what the spool keeps for the next start.
   */
  String closingSummary(DeliveryReport report, MetricsSnapshot m) {
    boolean spoolHolds = m.spoolBytes() > 0 && overflow instanceof DiskSpool;
    // in-process duplicates (same dedupe key) are what a dedupe key is for, not a loss
    long drops = report.dropped() - m.droppedByReason().getOrDefault("duplicate", 0L);
    if (report.rejected() == 0 && drops <= 0 && report.pending() == 0 && !spoolHolds) {
      return null;
    }
    StringBuilder b = new StringBuilder("Trackweave closed: ").append(report.delivered()).append(" delivered");
    if (report.rejected() > 0) {
      b.append("; ").append(report.rejected()).append(" rejected ").append(m.rejectedByReason());
    }
    if (drops > 0) {
      b.append("; ").append(report.dropped()).append(" dropped ").append(m.droppedByReason());
    }
    if (report.pending() > 0) {
      b.append("; ").append(report.pending()).append(" not settled by the shutdown deadline (shutdown.timeout=")
          .append(config.shutdownTimeout().toMillis()).append(" ms)");
    }
    if (spoolHolds) {
      b.append("; the spool ").append(((DiskSpool) overflow).directory()).append(" keeps ").append(m.spoolBytes())
          .append(" bytes of calls for the next start");
    }
    return b.toString();
  }

  @Override
  public boolean idle() {
    if (ledger.report().pending() > 0) {
      return false;
    }
    return !(overflow instanceof DiskSpool spool) || spool.isEmpty();
  }

  // The hooks below are small classes, not lambdas or method references: each of those spins a class the
  // first time it runs (about a millisecond on a cold JVM), on the start path or at the first delivery.

  /** The batching thread's hooks into this shipping: hand-off, replay, divert, the memory bound, housekeeping. */
  private final class Hooks implements Batcher.Sink, Batcher.Replay, Batcher.Divert, Batcher.Stalled, Runnable {
    @Override
    public boolean offer(List<Operation> batch, long timeoutNanos) throws InterruptedException {
      return senders.offer(batch, timeoutNanos);
    }

    @Override
    public OptionalLong oldestWaitingSince() {
      return senders.oldestWaitingSince();
    }

    @Override
    public List<List<Operation>> reclaim() {
      return senders.reclaim();
    }

    @Override
    public boolean delivering() {
      return senders.delivering();
    }

    @Override
    public int replay() {
      return ShippingThreads.this.replay();
    }

    @Override
    public boolean divert(Operation op) {
      return ShippingThreads.this.divert(op);
    }

    @Override
    public void spill(List<Operation> oldestFirst) {
      spillStalled(oldestFirst);
    }

    @Override
    public void run() {
      housekeeping();
    }
  }

  private final class Requeue implements Predicate<Operation> {
    @Override
    public boolean test(Operation op) {
      if (queue.offer(op)) {
        ledger.enqueued();
        return true;
      }
      return false;
    }
  }
}
