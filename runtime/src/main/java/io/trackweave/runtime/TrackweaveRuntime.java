package io.trackweave.runtime;

import io.trackweave.api.Fields;
import io.trackweave.api.Person;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.runtime.internal.capture.Backfill;
import io.trackweave.runtime.internal.capture.Capture;
import io.trackweave.runtime.internal.capture.DedupeFilter;
import io.trackweave.runtime.internal.capture.DisabledIntake;
import io.trackweave.runtime.internal.capture.Intake;
import io.trackweave.runtime.internal.concurrent.Clocks;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.RejectionWarning;
import io.trackweave.runtime.internal.metrics.StaleWarning;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import io.trackweave.runtime.internal.send.TransportFactory;
import io.trackweave.runtime.internal.spool.DiskSpool;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

  private final TrackweaveConfig config;
  private final Ledger ledger;
  /** The caller's side: the live {@link Capture}, or a disabled runtime's {@link DisabledIntake}. */
  private final Intake intake;
  /** The threads behind it: {@link ShippingThreads}, or a disabled runtime's {@link Shipping.Disabled}. */
  private final Shipping shipping;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean hookInstalled = new AtomicBoolean();
  private volatile Thread shutdownHook;
  private volatile DeliveryReport finalReport;

  /** A disabled runtime: every call is counted and dropped. */
  private TrackweaveRuntime(TrackweaveConfig config) {
    this.config = config;
    this.ledger = newLedger(config);
    ledger.gauge(newQueue(config));
    this.intake = new DisabledIntake(ledger);
    this.shipping = new Shipping.Disabled(ledger);
  }

  /**
   * A running runtime; {@code factory} is null for HTTP to Customer.io, else the other transport's. Calls are
   * stamped with {@code wallClockMillis} ({@link System#currentTimeMillis()}-like) when they are made.
   */
  private TrackweaveRuntime(TrackweaveConfig config, TransportFactory factory, LongSupplier wallClockMillis) {
    this.config = config;
    this.ledger = newLedger(config);
    Overflow overflow = overflowFor(config, ledger);
    OperationQueue queue = newQueue(config);
    ledger.gauge(queue);
    this.intake = new Capture(ledger, queue, overflow, new DedupeFilter(config.dedupeCapacity()),
        config.apiVersion(), wallClockMillis,
        config.backfill() ? Backfill.on(config.backfillTriggerEvents()) : Backfill.OFF);
    this.shipping = ShippingThreads.start(config, ledger, queue, overflow, factory);
  }

  private static Ledger newLedger(TrackweaveConfig config) {
    return new Ledger(config.listener(),
        new DropWarning(WARNING_PERIOD_NANOS, Clocks.NANO_TIME, LogSink.SYSTEM),
        new ViolationWarning(WARNING_PERIOD_NANOS, Clocks.NANO_TIME, LogSink.SYSTEM),
        new RejectionWarning(WARNING_PERIOD_NANOS, Clocks.NANO_TIME, LogSink.SYSTEM),
        new StaleWarning(WARNING_PERIOD_NANOS, Clocks.NANO_TIME, LogSink.SYSTEM));
  }

  private static OperationQueue newQueue(TrackweaveConfig config) {
    return new OperationQueue(config.queueMaxBytes(), config.queueMaxOperations(),
        config.batchMaxOperations(), config.batchMaxBytes());
  }

  /** The disk spool when enabled and available, else drop. */
  private static Overflow overflowFor(TrackweaveConfig config, Ledger ledger) {
    if (!config.spoolEnabled()) {
      return Overflow.DROP;
    }
    try {
      DiskSpool spool = DiskSpool.open(StageSettings.spool(config), ledger, Clocks.NANO_TIME);
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
   * Starts a runtime. Never throws for configuration: missing credentials or an endpoint that would
   * expose them give one warning and a no-op runtime.
   */
  public static TrackweaveRuntime create(TrackweaveConfig config) {
    return create(config, Clocks.WALL_MILLIS);
  }

  /** As {@link #create(TrackweaveConfig)}, stamping calls with {@code wallClockMillis} (tests of timing). */
  static TrackweaveRuntime create(TrackweaveConfig config, LongSupplier wallClockMillis) {
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
        return new TrackweaveRuntime(config, factory, wallClockMillis);
      }
      if (DISABLED_WARNED.add(disabled)) {
        LOG.log(Level.WARNING, "Trackweave is disabled: " + disabled + ". Tracking calls are counted and dropped.");
      }
      return new TrackweaveRuntime(config);
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
      return new TrackweaveRuntime(config);
    }
    return new TrackweaveRuntime(config, null, wallClockMillis);
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
    return intake instanceof Capture;
  }

  public TrackweaveConfig config() {
    return config;
  }

  // ---- the operations (caller's thread: never throw, never block) ----

  @Override
  public void identify(Person person, Fields attributes, boolean updateOnly) {
    try {
      intake.identify(person, attributes, updateOnly);
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
    try {
      intake.track(person, event, properties, timestamp, dedupeKey);
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
    try {
      intake.trackAnonymous(anonymousId, event, properties, timestamp, dedupeKey);
    } catch (Throwable t) {
      internalError("event", t);
    }
  }

  public void trackAnonymous(String anonymousId, String event, Fields properties) {
    trackAnonymous(anonymousId, event, properties, NOW, null);
  }

  /** Deletes a person from the workspace. */
  public void delete(Person person) {
    try {
      intake.delete(person);
    } catch (Throwable t) {
      internalError("delete", t);
    }
  }

  /** Suppresses a person: they cannot be messaged or re-added. */
  public void suppress(Person person) {
    try {
      intake.suppress(person);
    } catch (Throwable t) {
      internalError("suppress", t);
    }
  }

  public void unsuppress(Person person) {
    try {
      intake.unsuppress(person);
    } catch (Throwable t) {
      internalError("unsuppress", t);
    }
  }

  /** Adds (or updates) a mobile device on a person. */
  public void addDevice(Person person, Device device) {
    try {
      intake.addDevice(person, device);
    } catch (Throwable t) {
      internalError("add_device", t);
    }
  }

  /** Removes the device with this token from a person. */
  public void deleteDevice(Person person, String token) {
    try {
      intake.deleteDevice(person, token);
    } catch (Throwable t) {
      internalError("delete_device", t);
    }
  }

  /**
   * Merges {@code secondary} into {@code primary} (who must exist), then deletes {@code secondary}.
   * Not reversible. Identifiers: id, email or cio_id.
   */
  public void mergeCustomers(Person primary, Person secondary) {
    try {
      intake.mergeCustomers(primary, secondary);
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
    try {
      intake.identifyObject(object, attributes, person);
    } catch (Throwable t) {
      internalError("object_identify", t);
    }
  }

  /** Deletes a Customer.io object; its relationships to people go with it. */
  @Override
  public void deleteObject(ObjectRef object) {
    try {
      intake.deleteObject(object);
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
    try {
      intake.relate(person, object, relationshipAttributes, related);
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
    return shipping.flush(timeout);
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
    intake.close(); // from now on a call is dropped as closed (a disabled runtime's stay disabled)
    finalReport = shipping.close(timeout);
    return finalReport;
  }

  /** {@code close(shutdown.timeout)}. */
  @Override
  public void close() {
    close(config.shutdownTimeout());
  }

  /**
   * True when nothing captured is still on its way: no call is queued, batched or in flight, and the
   * disk spool (if any) holds nothing it has yet to deliver. A {@link #flush} can report everything
   * settled while the spool still holds calls Customer.io refused for a while; this says whether those
   * have gone too.
   */
  public boolean idle() {
    return shipping.idle();
  }

  /** The counters now. */
  public MetricsSnapshot metrics() {
    return ledger.snapshot();
  }

  @Override
  public String toString() {
    return "TrackweaveRuntime{" + config + (isEnabled() ? "" : ", disabled") + "}";
  }
}
