package io.trackweave.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveRuntime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds a runtime's counters and gauges ({@link MetricsSnapshot}) to a Micrometer registry, read when the
 * registry is (no thread, no copy of the counts). Every meter's function refers to the binder, so the
 * registry holds it strongly (Micrometer's state objects are held weakly) and a binder made inline keeps
 * reporting:
 *
 * <pre>{@code
 * new TrackweaveMetrics(runtime).bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters (every one tagged {@code runtime=<trackweave.name>})</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>from</th></tr>
 *   <tr><td>{@code trackweave.operations}</td><td>function counter</td><td>{@code outcome=enqueued|delivered|spilled|replayed, reason=none}; {@code outcome=rejected|dropped, reason=<reason>}</td><td>enqueued, delivered, spilled, replayed, rejectedByReason, droppedByReason</td></tr>
 *   <tr><td>{@code trackweave.retries}</td><td>function counter</td><td></td><td>retried (operations re-sent)</td></tr>
 *   <tr><td>{@code trackweave.violations}</td><td>function counter</td><td></td><td>tracking-plan violations</td></tr>
 *   <tr><td>{@code trackweave.requests}</td><td>function counter</td><td></td><td>HTTP requests answered</td></tr>
 *   <tr><td>{@code trackweave.batch.latency}</td><td>function timer</td><td></td><td>first send to settled, per request</td></tr>
 *   <tr><td>{@code trackweave.batch.latency.max}</td><td>time gauge</td><td></td><td>the longest since start</td></tr>
 *   <tr><td>{@code trackweave.queue.bytes}, {@code trackweave.queue.operations}</td><td>gauge</td><td></td><td>held: waiting, batched or in flight</td></tr>
 *   <tr><td>{@code trackweave.spool.bytes}</td><td>gauge</td><td></td><td>spool segment files on disk</td></tr>
 *   <tr><td>{@code trackweave.spool.corrupt}</td><td>function counter</td><td></td><td>corrupt spool records skipped</td></tr>
 *   <tr><td>{@code trackweave.events.stale}</td><td>function counter</td><td></td><td>events delivered past the 72-hour trigger window</td></tr>
 * </table>
 *
 * <p>Rejection and drop reasons are open-ended (Customer.io answers with its own), so their counters are
 * registered as they first appear: at binding, and whenever the registry reads this binder's meters. A
 * reason's counter therefore shows up at the first read after its first occurrence, with every earlier
 * occurrence in its count (the counts are cumulative; none is lost). The runtime keeps at most 200
 * reasons, which bounds the tags.
 */
public final class TrackweaveMetrics implements MeterBinder {
  /** The {@code reason} tag of outcomes that have none, so every series of a name has the same tag keys. */
  public static final String NO_REASON = "none";

  private final Supplier<MetricsSnapshot> snapshots;
  private final Tags tags;
  private final Set<String> registeredReasons = ConcurrentHashMap.newKeySet();
  private volatile MeterRegistry registry;

  /** Binds {@code runtime}'s metrics, tagged {@code runtime=<its name>}. */
  public TrackweaveMetrics(TrackweaveRuntime runtime) {
    this(Objects.requireNonNull(runtime, "runtime")::metrics, Tags.of("runtime", runtime.config().name()));
  }

  /** Binds the snapshots {@code snapshots} supplies, with {@code tags} on every meter. */
  public TrackweaveMetrics(Supplier<MetricsSnapshot> snapshots, Iterable<Tag> tags) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    operations(registry, "enqueued", MetricsSnapshot::enqueued, "Operations accepted into the queue");
    operations(registry, "delivered", MetricsSnapshot::delivered, "Operations Customer.io accepted");
    operations(registry, "spilled", MetricsSnapshot::spilled, "Operations the disk spool took");
    operations(registry, "replayed", MetricsSnapshot::replayed, "Operations read back from the spool");
    counter(registry, "trackweave.retries", MetricsSnapshot::retried, "Operations re-sent after a retryable failure");
    counter(registry, "trackweave.violations", MetricsSnapshot::violations, "Tracking-plan violations reported by generated mappers");
    counter(registry, "trackweave.requests", MetricsSnapshot::requests, "Track API requests answered (any status)");
    counter(registry, "trackweave.spool.corrupt", MetricsSnapshot::spoolCorruptSkipped, "Corrupt spool records detected and skipped");
    counter(registry, "trackweave.events.stale", MetricsSnapshot::staleEvents,
        "Events delivered more than 72 hours after they happened: Customer.io triggers no campaign from them");
    gauge(registry, "trackweave.queue.bytes", BaseUnits.BYTES, MetricsSnapshot::queueBytes, "Estimated bytes held: waiting, being batched or in flight");
    gauge(registry, "trackweave.queue.operations", "operations", MetricsSnapshot::queueOperations, "Operations held: waiting, being batched or in flight");
    gauge(registry, "trackweave.spool.bytes", BaseUnits.BYTES, MetricsSnapshot::spoolBytes, "Bytes of spool segment files on disk");
    FunctionTimer.builder(
            "trackweave.batch.latency",
            this,
            t -> (long) read(MetricsSnapshot::batchLatencyCount),
            t -> read(MetricsSnapshot::batchLatencyTotalNanos),
            TimeUnit.NANOSECONDS)
        .tags(tags)
        .description("Time from a request's first send to its settling, retries included")
        .register(registry);
    TimeGauge.builder(
            "trackweave.batch.latency.max",
            this,
            TimeUnit.NANOSECONDS,
            t -> read(MetricsSnapshot::batchLatencyMaxNanos))
        .tags(tags)
        .strongReference(true)
        .description("The longest batch latency since the runtime started")
        .register(registry);
    registerNewReasons(snapshots.get());
  }

  private void operations(MeterRegistry registry, String outcome, ToDoubleFunction<MetricsSnapshot> count, String description) {
    FunctionCounter.builder("trackweave.operations", this, t -> read(count))
        .tags(tags)
        .tags("outcome", outcome, "reason", NO_REASON)
        .baseUnit("operations")
        .description(description)
        .register(registry);
  }

  private void counter(MeterRegistry registry, String name, ToDoubleFunction<MetricsSnapshot> count, String description) {
    FunctionCounter.builder(name, this, t -> read(count)).tags(tags).description(description).register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String unit, ToDoubleFunction<MetricsSnapshot> value, String description) {
    Gauge.builder(name, this, t -> read(value)).tags(tags).strongReference(true).baseUnit(unit).description(description).register(registry);
  }

  /** One value of a fresh snapshot; a failing snapshot reads as NaN, which registries skip. */
  private double read(ToDoubleFunction<MetricsSnapshot> value) {
    try {
      MetricsSnapshot snapshot = snapshots.get();
      registerNewReasons(snapshot);
      return value.applyAsDouble(snapshot);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private void registerNewReasons(MetricsSnapshot snapshot) {
    MeterRegistry target = registry;
    if (target == null) {
      return;
    }
    register(target, "rejected", snapshot.rejectedByReason());
    register(target, "dropped", snapshot.droppedByReason());
  }

  private void register(MeterRegistry target, String outcome, Map<String, Long> byReason) {
    for (String reason : byReason.keySet()) {
      if (registeredReasons.add(outcome + '\n' + reason)) {
        boolean rejected = "rejected".equals(outcome);
        ToDoubleFunction<MetricsSnapshot> count =
            s -> (rejected ? s.rejectedByReason() : s.droppedByReason()).getOrDefault(reason, 0L);
        FunctionCounter.builder("trackweave.operations", this, t -> read(count))
            .tags(tags)
            .tags("outcome", outcome, "reason", reason)
            .baseUnit("operations")
            .description(rejected ? "Operations refused, by reason" : "Operations given up, by reason")
            .register(target);
      }
    }
  }
}
