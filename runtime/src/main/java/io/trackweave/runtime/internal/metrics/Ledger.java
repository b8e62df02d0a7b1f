package io.trackweave.runtime.internal.metrics;

import io.trackweave.runtime.DeliveryListener;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.internal.concurrent.Clocks;
import io.trackweave.runtime.internal.operation.Operation;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The books of one runtime: every call is counted once as enqueued, and once as delivered, rejected or
 * dropped (calls refused at capture are never enqueued). Hot counters are {@link LongAdder}s so many
 * callers never contend. It also tells the listener, and counts drops and plan violations for the
 * rate-limited warnings that {@link #emitWarnings} (the batching thread) writes: a caller's thread only
 * counts, it never logs.
 */
public final class Ledger {
  private static final int MAX_REASON_LENGTH = 64;
  private static final int MAX_REASONS = 200;

  private final LongAdder enqueued = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  /** Enqueued operations that reached a final state; flush waits on it. */
  private final LongAdder settled = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder violations = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder latencyCount = new LongAdder();
  private final LongAdder latencyTotal = new LongAdder();
  private final AtomicLong latencyMax = new AtomicLong();
  private final ConcurrentHashMap<String, LongAdder> rejectedBy = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> droppedBy = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> violationsBy = new ConcurrentHashMap<>();
  private final DeliveryListener listener;
  private final DropWarning dropWarning;
  private final ViolationWarning violationWarning;
  private final RejectionWarning rejectionWarning;
  private final StaleWarning staleWarning;
  private final LongAdder stale = new LongAdder();
  private final LongAdder spilled = new LongAdder();
  private volatile QueueGauge queueGauge = QueueGauge.NONE;
  private volatile SpoolGauge spoolGauge = SpoolGauge.NONE;

  /** Reads the disk spool's state for snapshots. */
  public interface SpoolGauge {
    SpoolGauge NONE = new SpoolGauge() {};

    /** Operations read back from the spool and offered to the queue again. */
    default long replayed() {
      return 0;
    }

    /** Torn or corrupt spool records (or runs of them) detected by checksum and skipped. */
    default long corruptSkipped() {
      return 0;
    }

    /** Bytes of spool segment files on disk. */
    default long bytes() {
      return 0;
    }
  }

  /** Reads the queue's current holdings for snapshots. */
  public interface QueueGauge {
    QueueGauge NONE = new QueueGauge() {};

    default long bytes() {
      return 0;
    }

    default long operations() {
      return 0;
    }
  }

  public Ledger(DeliveryListener listener, DropWarning dropWarning, ViolationWarning violationWarning) {
    this(listener, dropWarning, violationWarning,
        new RejectionWarning(30_000_000_000L, Clocks.NANO_TIME, LogSink.SYSTEM),
        new StaleWarning(30_000_000_000L, Clocks.NANO_TIME, LogSink.SYSTEM));
  }

  public Ledger(DeliveryListener listener, DropWarning dropWarning, ViolationWarning violationWarning,
      RejectionWarning rejectionWarning, StaleWarning staleWarning) {
    this.staleWarning = staleWarning;
    this.listener = listener;
    this.dropWarning = dropWarning;
    this.violationWarning = violationWarning;
    this.rejectionWarning = rejectionWarning;
  }

  /** Writes the drop and violation summaries that are due. The batching thread's loop calls it. */
  public void emitWarnings() {
    dropWarning.emit();
    violationWarning.emit();
    rejectionWarning.emit();
    staleWarning.emit();
  }

  /** Writes every summary still counted, due or not: the runtime is closing. */
  public void emitFinalWarnings() {
    dropWarning.emitNow();
    violationWarning.emitNow();
    rejectionWarning.emitNow();
    staleWarning.emitNow();
  }

  public void gauge(QueueGauge gauge) {
    this.queueGauge = gauge;
  }

  public void spool(SpoolGauge gauge) {
    this.spoolGauge = gauge;
  }

  /**
   * Operations the overflow took (at capture, when the queue was full or a backlog existed; or from a
   * sender, via {@link #handedOver}). Not final: each later ends delivered, rejected or dropped.
   */
  public void spilled(int operations) {
    spilled.add(operations);
  }

  /**
   * Operations the spool had taken and then lost (it was full, or a record was corrupt). They already
   * left the queue's books, so this counts the drop without settling anything again.
   */
  public void droppedBySpool(String reason, int operations) {
    if (operations <= 0) {
      return;
    }
    count(droppedBy, reason, operations); // the reason before the total: whoever sees the total sees why
    dropped.add(operations);
    dropWarning.dropped(reason, operations);
    tellDropped(reason, operations);
  }

  public void enqueued() {
    enqueued.increment();
  }

  public void delivered(int operations) {
    if (operations <= 0) {
      return;
    }
    delivered.add(operations);
    settled.add(operations);
    if (listener != null) {
      try {
        listener.delivered(operations);
      } catch (Throwable ignored) {
        // a listener never breaks delivery
      }
    }
  }

  /** A call refused before it was enqueued. */
  public void rejectedAtCapture(String action, String name, String reason, String message) {
    count(rejectedBy, reason, 1);
    rejected.increment();
    tellRejected(action, name, reason, message);
  }

  /** An enqueued operation refused for good (too large once encoded, or by Customer.io). */
  public void rejected(Operation op, String reason, String message) {
    count(rejectedBy, reason, 1);
    rejected.increment();
    settled.increment();
    tellRejected(op.action().wireName(), op.name(), reason, message);
    Operation.Receipt receipt = op.receipt();
    if (receipt != null) {
      try {
        receipt.rejected(reason, message);
      } catch (Throwable ignored) {
        // a receipt's bookkeeping never breaks delivery
      }
    }
  }

  /** Calls given up before they were enqueued (duplicates, a full queue, after close). */
  public void droppedAtCapture(String reason) {
    count(droppedBy, reason, 1);
    dropped.increment();
    dropWarning.dropped(reason, 1);
    tellDropped(reason, 1);
  }

  /** A call to a disabled (no-op) runtime: counted as dropped, without warnings. */
  public void ignored() {
    dropped.increment();
    count(droppedBy, "disabled", 1);
  }

  /** Enqueued operations given up (retries exhausted, shutdown). */
  public void dropped(String reason, int operations) {
    if (operations <= 0) {
      return;
    }
    count(droppedBy, reason, operations); // the reason before the totals: a flush that sees it settled sees why
    dropped.add(operations);
    settled.add(operations);
    dropWarning.dropped(reason, operations);
    tellDropped(reason, operations);
  }

  /**
   * Enqueued operations handed to the overflow (the disk spool): settled here, because the spool now
   * owns them and replays them as new calls.
   */
  public void handedOver(int operations) {
    settled.add(operations);
    spilled.add(operations);
  }

  /**
   * An event sent more than 72 hours after it happened, in live mode: still delivered, but Customer.io
   * triggers no campaign from it. Counted and summarised in a warning.
   */
  public void stale(String event, long timestampSeconds) {
    stale.increment();
    staleWarning.stale(event, timestampSeconds);
  }

  public void retried(int operations, String cause) {
    retried.add(operations);
    if (listener != null) {
      try {
        listener.retried(operations, cause);
      } catch (Throwable ignored) {
        // never into delivery
      }
    }
  }

  /** A tracking-plan violation: counted; summarised in a rate-limited warning by the batching thread. */
  public void violation(String event, String property, String problem) {
    violations.increment();
    count(violationsBy, event + "." + property, 1);
    violationWarning.violation(event, property, problem);
  }

  /** One answered request and how long it took from its first send. */
  public void request(long latencyNanos) {
    requests.increment();
    latencyCount.increment();
    latencyTotal.add(latencyNanos);
    // a loop, not accumulateAndGet(.., Math::max): the first delivery (at exit, in a short-lived JVM)
    // would spin a lambda class for it
    long max;
    while (latencyNanos > (max = latencyMax.get()) && !latencyMax.compareAndSet(max, latencyNanos)) {
      Thread.onSpinWait();
    }
  }

  public long enqueuedCount() {
    return enqueued.sum();
  }

  public long settledCount() {
    return settled.sum();
  }

  public DeliveryReport report() {
    // settled first: a racing settlement can then only make pending look smaller than it is, never negative
    long s = settled.sum();
    long e = enqueued.sum();
    return new DeliveryReport(delivered.sum(), rejected.sum(), dropped.sum(), Math.max(0, e - s));
  }

  public MetricsSnapshot snapshot() {
    return new MetricsSnapshot(
        enqueued.sum(),
        delivered.sum(),
        rejected.sum(),
        sums(rejectedBy),
        dropped.sum(),
        sums(droppedBy),
        retried.sum(),
        violations.sum(),
        queueGauge.bytes(),
        queueGauge.operations(),
        requests.sum(),
        latencyCount.sum(),
        latencyTotal.sum(),
        latencyMax.get(),
        spilled.sum(),
        spoolGauge.replayed(),
        spoolGauge.corruptSkipped(),
        spoolGauge.bytes(),
        stale.sum(),
        sums(violationsBy));
  }

  private static Map<String, Long> sums(ConcurrentHashMap<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, LongAdder> e : map.entrySet()) { // a loop: close's summary spins no lambda at exit
      out.put(e.getKey(), e.getValue().sum());
    }
    return out;
  }

  private static void count(ConcurrentHashMap<String, LongAdder> map, String reason, int n) {
    String key = reason == null ? "unknown" : reason;
    if (key.length() > MAX_REASON_LENGTH) {
      key = key.substring(0, MAX_REASON_LENGTH);
    }
    LongAdder adder = map.get(key);
    if (adder == null) {
      // reasons from Customer.io are free text: cap how many distinct labels memory holds
      if (map.size() >= MAX_REASONS) {
        key = "other";
      }
      LongAdder made = new LongAdder(); // putIfAbsent, not a computeIfAbsent lambda to spin at the first drop
      LongAdder raced = map.putIfAbsent(key, made);
      adder = raced != null ? raced : made;
    }
    adder.add(n);
  }

  private void tellRejected(String action, String name, String reason, String message) {
    rejectionWarning.rejected(action, name, reason, message);
    if (listener != null) {
      try {
        listener.rejected(action, name, reason, message);
      } catch (Throwable ignored) {
        // never into the caller
      }
    }
  }

  private void tellDropped(String reason, int n) {
    if (listener != null) {
      try {
        listener.dropped(reason, n);
      } catch (Throwable ignored) {
        // never into the caller
      }
    }
  }
}
