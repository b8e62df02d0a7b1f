package io.trackweave.runtime;

import io.trackweave.api.Fields;
import io.trackweave.api.Person;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.runtime.internal.batch.Batcher;
import io.trackweave.runtime.internal.capture.Backfill;
import io.trackweave.runtime.internal.capture.Capture;
import io.trackweave.runtime.internal.capture.DedupeFilter;
import io.trackweave.runtime.internal.capture.Operation;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.JmxRegistration;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.RejectionWarning;
import io.trackweave.runtime.internal.metrics.StaleWarning;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import io.trackweave.runtime.internal.send.Delivery;
import io.trackweave.runtime.internal.send.HttpTransport;
import io.trackweave.runtime.internal.send.LazyTransport;
import io.trackweave.runtime.internal.send.Reachability;
import io.trackweave.runtime.internal.send.Surrender;
import io.trackweave.runtime.internal.send.Pause;
import io.trackweave.runtime.internal.send.SenderPool;
import io.trackweave.runtime.internal.send.TokenBucket;
import io.trackweave.runtime.internal.send.TransportFactory;
import io.trackweave.runtime.internal.spool.DiskSpool;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The Trackweave runtime: captures calls on the caller's thread (cheap checks, timestamp, ULID, no
 * I/O, never throws, never blocks) and ships them to Customer.io's Track API from its own daemon
 * threads, in batches, with retries, bounded in memory.
 *
 * <pre>{@code
 * TrackweaveRuntime runtime = TrackweaveRuntime.create(TrackweaveConfig.load(Map.of())).installGlobally();
 * }</pre>
 *
 * <p>Without credentials it logs one warning and becomes a no-op: every call is counted as dropped
 * ({@code disabled}) and nothing is sent.
 */
public final class TrackweaveRuntime implements Tracker, AutoCloseable {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  /** Why runtimes were disabled so far: each distinct reason is warned about once per process. */
  private static final Set<String> DISABLED_WARNED = ConcurrentHashMap.newKeySet();
  private static final long WARNING_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);
  /**
   * Of a close's timeout, the share kept for after the interrupt: threads end and the spool writes
   * what they hand it. The orderly part (flush, draining) gets the rest.
   */
  private static final long CLOSE_RESERVE_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final TrackweaveConfig config;
  private final Ledger ledger;
  private final OperationQueue queue;
  private final Capture capture;
  private final Batcher batcher;
  private final SenderPool senders;
  private final LazyTransport transport;
  /** Registered by the batching thread's first turn: the platform MBean server costs hundreds of ms to start. */
  private volatile JmxRegistration jmx;
  /** transport=kafka (or another {@link TransportFactory}): its client, opened by the first sender; else null. */
  private final OtherTransport other;
  private final Overflow overflow;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean hookInstalled = new AtomicBoolean();
  private volatile Thread shutdownHook;
  private volatile DeliveryReport finalReport;
  /** Logged by the batching thread's first turn, so neither the creating thread nor a caller logs it. */
  private volatile boolean announced;

  private TrackweaveRuntime(TrackweaveConfig config, String disabledBecause) {
    this(config, disabledBecause, null);
  }

  private TrackweaveRuntime(TrackweaveConfig config, String disabledBecause, TransportFactory factory) {
    this.config = config;
    this.ledger = new Ledger(config.listener(),
        new DropWarning(WARNING_PERIOD_NANOS, System::nanoTime, LogSink.SYSTEM),
        new ViolationWarning(WARNING_PERIOD_NANOS, System::nanoTime, LogSink.SYSTEM),
        new RejectionWarning(WARNING_PERIOD_NANOS, System::nanoTime, LogSink.SYSTEM),
        new StaleWarning(WARNING_PERIOD_NANOS, System::nanoTime, LogSink.SYSTEM));
    this.overflow = disabledBecause == null ? overflowFor(config, ledger) : Overflow.DROP;
    this.queue = new OperationQueue(config.queueMaxBytes(), config.queueMaxOperations(),
        config.batchMaxOperations(), config.batchMaxBytes());
    ledger.gauge(queue);
    if (disabledBecause != null) {
      this.capture = null;
      this.batcher = null;
      this.senders = null;
      this.transport = null;
      this.other = null;
      return;
    }
    this.capture = new Capture(ledger, queue, overflow, new DedupeFilter(config.dedupeCapacity()),
        config.apiVersion(), System::currentTimeMillis,
        config.backfill() ? Backfill.on(config.backfillTriggerEvents()) : Backfill.OFF);
    // the HTTP client (OkHttp, Okio, Kotlin) and Jackson load on the sender threads: the runtime takes
    // calls as soon as this constructor returns, without waiting for them
    this.transport = factory == null ? new LazyTransport(() -> new HttpTransport(config)) : null;
    this.other = factory == null ? null : new OtherTransport(factory, config);
    TokenBucket bucket = TokenBucket.shared(config.baseUrl(), config.account(), config.rateLimit());
    AtomicBoolean unauthorizedLogged = new AtomicBoolean();
    Reachability reachability = new Reachability();
    // with a disk spool, what Customer.io cannot take now goes to disk at once and is retried from there,
    // so an outage never holds accepted calls only in memory
    boolean spillAtFirstFailure = overflow instanceof DiskSpool;
    String suffix = config.name().equals("default") ? "" : "-" + config.name();
    // another transport gets one sender: its client pipelines by itself (Kafka's producer batches and
    // keeps several requests in flight), and one thread hands it a person's calls in capture order
    this.senders = new SenderPool(other != null ? 1 : config.senders(), "trackweave-sender" + suffix + "-",
        other != null
            ? () -> other.get().delivery(ledger, queue, new Surrender(overflow, queue, ledger), reachability)
            : () -> new Delivery(config, transport.get(), bucket, ledger, queue, overflow, Pause.SLEEP,
                System::nanoTime, unauthorizedLogged, spillAtFirstFailure, reachability),
        new Surrender(overflow, queue, ledger));
    this.batcher = new Batcher(queue, senders::submit, this::replay, config.batchMaxOperations(),
        config.batchMaxBytes(), config.flushInterval().toNanos(), System::nanoTime, this::housekeeping);
    batcher.divertWhile(this::divert);
    senders.start();
    batcher.start("trackweave-batcher" + suffix);
  }

  /** The disk spool when enabled and available, else drop. */
  private static Overflow overflowFor(TrackweaveConfig config, Ledger ledger) {
    if (!config.spoolEnabled()) {
      return Overflow.DROP;
    }
    try {
      DiskSpool spool = DiskSpool.open(config, ledger);
      ledger.spool(spool);
      return spool;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "Trackweave: no disk spool ({0}); running memory-only: calls Customer.io cannot"
          + " take are retried in memory for up to retry.max.time and are lost if the process dies meanwhile."
          + " Point TRACKWEAVE_SPOOL_DIR at a writable volume owned by this user, or set"
          + " TRACKWEAVE_SPOOL_ENABLED=false to choose memory-only", e.getMessage());
      return Overflow.DROP;
    }
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

  /**
   * Starts a runtime. Never throws for configuration: missing credentials or an endpoint that would
   * expose them give one warning and a no-op runtime.
   */
  public static TrackweaveRuntime create(TrackweaveConfig config) {
    for (String problem : config.problems()) {
      LOG.log(Level.WARNING, "Trackweave configuration: " + problem);
    }
    String disabled = null;
    if (config.transport() != Transport.HTTP) {
      // the relay holds the Customer.io credentials; this process only needs its transport
      TransportFactory factory = OtherTransport.find(config.transport());
      if (factory == null) {
        disabled = "transport=" + config.transport().name().toLowerCase(java.util.Locale.ROOT)
            + " needs trackweave-" + config.transport().name().toLowerCase(java.util.Locale.ROOT)
            + " (and its client library) on the class path; see docs/scale-out.md";
      } else if (config.transport() == Transport.KAFKA && config.transportSettings().bootstrapServers() == null) {
        disabled = "transport=kafka needs kafka.bootstrap.servers (TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS)";
      } else {
        return new TrackweaveRuntime(config, null, factory);
      }
      if (DISABLED_WARNED.add(disabled)) {
        LOG.log(Level.WARNING, "Trackweave is disabled: " + disabled + ". Tracking calls are counted and dropped.");
      }
      return new TrackweaveRuntime(config, disabled);
    }
    if (!config.hasCredentials()) {
      disabled = config.missingCredentials();
    } else {
      disabled = config.endpointProblem();
    }
    if (disabled != null) {
      if (DISABLED_WARNED.add(disabled)) {
        LOG.log(Level.WARNING, "Trackweave is disabled: " + disabled
            + ". Tracking calls are counted and dropped; nothing is sent to Customer.io.");
      }
      return new TrackweaveRuntime(config, disabled);
    }
    return new TrackweaveRuntime(config, null);
  }

  /** The batching thread's housekeeping: the start-up line once, then the rate-limited warnings. */
  private void housekeeping() {
    if (!announced) {
      announced = true;
      LOG.log(Level.INFO, describe());
      if (config.jmx() && !closed.get()) {
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
        : config.baseUrl() + " (region " + config.region().name().toLowerCase(java.util.Locale.ROOT) + ")";
    return "Trackweave " + (config.name().equals("default") ? "" : "'" + config.name() + "' ") + "sends to " + where
        + (config.apiVersion() == ApiVersion.PIPELINES ? ", Data Pipelines API"
            : ", Track API " + config.apiVersion().settingValue()) + "; undelivered calls are kept in "
        + keptIn();
  }

  private String keptIn() {
    String keep;
    if (overflow instanceof DiskSpool spool) {
      keep = "disk spool " + spool.directory() + " (fsync " + config.spoolFsync().name().toLowerCase(java.util.Locale.ROOT)
          + ", up to " + config.spoolMaxBytes() + " bytes)";
    } else if (overflow != Overflow.DROP) {
      keep = "overflow " + overflow;
    } else {
      keep = "memory only (no spool)";
    }
    return keep;
  }

  /** {@code create(TrackweaveConfig.load(Map.of()))}: configured from the environment and system properties. */
  public static TrackweaveRuntime create() {
    return create(TrackweaveConfig.load(Map.of()));
  }

  /**
   * Makes this the tracker every generated mapper uses ({@link Trackweave#install}) and registers one
   * shutdown hook that flushes within {@code shutdown.timeout}. Returns this runtime.
   */
  public TrackweaveRuntime installGlobally() {
    Trackweave.install(this);
    if (hookInstalled.compareAndSet(false, true)) {
      Thread hook = new Thread(() -> close(config.shutdownTimeout()), "trackweave-shutdown");
      hook.setDaemon(true);
      try {
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
      } catch (IllegalStateException alreadyShuttingDown) {
        // the JVM is exiting: nothing to hook into
      }
    }
    return this;
  }

  /** False for the no-op runtime (no credentials, or an unsafe endpoint). */
  public boolean isEnabled() {
    return capture != null;
  }

  public TrackweaveConfig config() {
    return config;
  }

  // ---- the operations (caller's thread: never throw, never block) ----

  @Override
  public void identify(Person person, Fields attributes, boolean updateOnly) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.identify(person, attributes, updateOnly);
    } catch (Throwable t) {
      internalError("identify", t);
    }
  }

  /** Creates or updates a person. */
  public void identify(Person person, Fields attributes) {
    identify(person, attributes, false);
  }

  @Override
  public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.track(person, event, properties, timestamp, dedupeKey);
    } catch (Throwable t) {
      internalError("event", t);
    }
  }

  /** Tracks an event that happened now, without a dedupe key. */
  public void track(Person person, String event, Fields properties) {
    track(person, event, properties, NOW, null);
  }

  /**
   * Tracks an event for someone not identified yet, by their anonymous id (a cookie, a device id; may
   * be null). Sent to v1 {@code POST /api/v1/events}: the v2 batch has no anonymous event.
   */
  public void trackAnonymous(String anonymousId, String event, Fields properties, long timestamp, String dedupeKey) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.trackAnonymous(anonymousId, event, properties, timestamp, dedupeKey);
    } catch (Throwable t) {
      internalError("event", t);
    }
  }

  public void trackAnonymous(String anonymousId, String event, Fields properties) {
    trackAnonymous(anonymousId, event, properties, NOW, null);
  }

  /** Deletes a person from the workspace. */
  public void delete(Person person) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.delete(person);
    } catch (Throwable t) {
      internalError("delete", t);
    }
  }

  /** Suppresses a person: they cannot be messaged or re-added. */
  public void suppress(Person person) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.suppress(person);
    } catch (Throwable t) {
      internalError("suppress", t);
    }
  }

  public void unsuppress(Person person) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.unsuppress(person);
    } catch (Throwable t) {
      internalError("unsuppress", t);
    }
  }

  /** Adds (or updates) a mobile device on a person. */
  public void addDevice(Person person, Device device) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.addDevice(person, device);
    } catch (Throwable t) {
      internalError("add_device", t);
    }
  }

  /** Removes the device with this token from a person. */
  public void deleteDevice(Person person, String token) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.deleteDevice(person, token);
    } catch (Throwable t) {
      internalError("delete_device", t);
    }
  }

  /**
   * Merges {@code secondary} into {@code primary} (who must exist), then deletes {@code secondary}.
   * Not reversible. Identifiers: id, email or cio_id.
   */
  public void mergeCustomers(Person primary, Person secondary) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.mergeCustomers(primary, secondary);
    } catch (Throwable t) {
      internalError("merge", t);
    }
  }

  /**
   * Creates or updates a Customer.io object (an account, a subscription, an order) with {@code
   * attributes}, and relates {@code person} to it when not null. Track API v2 sends an object {@code
   * identify} (with {@code cio_relationships} for the person); the Data Pipelines API a {@code group}
   * call, which needs the person. Refused (counted, warned about) on Track API v1, which has no objects.
   */
  @Override
  public void identifyObject(ObjectRef object, Fields attributes, Person person) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.identifyObject(object, attributes, person);
    } catch (Throwable t) {
      internalError("object_identify", t);
    }
  }

  /** Deletes a Customer.io object; its relationships to people go with it. */
  @Override
  public void deleteObject(ObjectRef object) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.deleteObject(object);
    } catch (Throwable t) {
      internalError("object_delete", t);
    }
  }

  /**
   * Relates {@code person} to {@code object} with the relationship's own attributes (may be null), or,
   * when {@code related} is false, removes that relationship (the attributes are then ignored).
   */
  @Override
  public void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related) {
    Capture c = capture;
    if (c == null) {
      ledger.ignored();
      return;
    }
    try {
      c.relate(person, object, relationshipAttributes, related);
    } catch (Throwable t) {
      internalError(related ? "add_relationships" : "delete_relationships", t);
    }
  }

  @Override
  public void violation(String event, String property, String problem) {
    try {
      // counted here; the batching thread logs a rate-limited summary (a caller's thread never logs)
      ledger.violation(event, property, problem);
    } catch (Throwable ignored) {
      // never into the caller
    }
  }

  private void internalError(String action, Throwable t) {
    try {
      ledger.rejectedAtCapture(action, null, "internal_error", t.toString());
    } catch (Throwable ignored) {
      // nothing may escape into business code
    }
  }

  // ---- lifecycle ----

  /**
   * Sends everything captured so far without waiting for the interval, and waits until it is settled
   * or {@code timeout} passes. Returns the counts since creation; {@link DeliveryReport#pending()} is
   * what had not settled by the deadline.
   */
  public DeliveryReport flush(Duration timeout) {
    if (batcher == null) {
      return ledger.report();
    }
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

  /**
   * Stops accepting calls (later calls are dropped as {@code closed}), flushes, stops the threads, and
   * gives up whatever is still unsent (to the overflow, else dropped as {@code shutdown}), all within
   * {@code timeout}: the threads are interrupted and in-flight requests cancelled once most of it has
   * passed, and no stage waits past it (a thread still running then keeps its calls as {@link
   * DeliveryReport#pending() pending}). Idempotent: later calls return the first close's report.
   */
  public DeliveryReport close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      DeliveryReport r = finalReport;
      return r != null ? r : ledger.report();
    }
    if (ExitSafeLogger.jvmExiting()) {
      // java.util.logging may already be torn down by its own hook: what close reports goes to stderr
      ExitSafeLogger.exiting();
    }
    Trackweave.uninstall(this);
    Thread hook = shutdownHook;
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // the JVM is already running hooks
      }
    }
    if (capture == null) {
      finalReport = ledger.report();
      return finalReport;
    }
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
    capture.close();
    flush(Duration.ofNanos(Math.max(0, interruptAt - System.nanoTime())));
    List<Operation> left = batcher.stop(interruptAt, deadline);
    senders.stop(interruptAt, deadline, other != null ? other::cancelAll : transport::cancelAll);
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
    finalReport = ledger.report();
    ledger.emitFinalWarnings(); // the batching thread is gone: what it had not summarised yet
    String summary = closingSummary(finalReport, ledger.snapshot());
    if (summary != null) {
      LOG.log(Level.WARNING, summary);
    }
    return finalReport;
  }

  /** {@code close(shutdown.timeout)}. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
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

  /**
   * True when nothing captured is still on its way: no call is queued, batched or in flight, and the
   * disk spool (if any) holds nothing it has yet to deliver. A {@link #flush} can report everything
   * settled while the spool still holds calls Customer.io refused for a while; this says whether those
   * have gone too.
   */
  public boolean idle() {
    if (ledger.report().pending() > 0) {
      return false;
    }
    return !(overflow instanceof DiskSpool spool) || spool.isEmpty();
  }

  /** The counters now. */
  public MetricsSnapshot metrics() {
    return ledger.snapshot();
  }

  private int replay() {
    if (overflow == Overflow.DROP || closed.get()) {
      return 0;
    }
    try {
      return overflow.replay(op -> {
        if (queue.offer(op)) {
          ledger.enqueued();
          return true;
        }
        return false;
      });
    } catch (Throwable t) {
      return 0;
    }
  }

  @Override
  public String toString() {
    return "TrackweaveRuntime{" + config + (isEnabled() ? "" : ", disabled") + "}";
  }
}
