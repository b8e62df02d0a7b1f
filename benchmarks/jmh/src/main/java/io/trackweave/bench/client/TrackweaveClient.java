package io.trackweave.bench.client;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.fixture.OrderPayloads;
import io.trackweave.bench.sink.SinkProcess;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Trackweave's runtime pointed at a {@link SinkProcess}, with the one call every benchmark makes. */
public final class TrackweaveClient implements AutoCloseable {
  public static final String EVENT = "order_completed";

  private final SinkProcess sink;
  private final TrackweaveRuntime runtime;
  private final AtomicLong sent = new AtomicLong();

  private TrackweaveClient(SinkProcess sink, TrackweaveRuntime runtime) {
    this.sink = sink;
    this.runtime = runtime;
  }

  /**
   * A runtime with default settings except those in {@code settings} (setting keys, e.g.
   * {@code rate.limit}); credentials are dummies, the endpoint is the sink.
   */
  public static TrackweaveClient start(Map<String, String> settings) {
    SinkProcess sink = SinkProcess.start();
    TrackweaveConfig.Builder config =
        TrackweaveConfig.builder()
            .siteId("bench-site")
            .apiKey("bench-key")
            .endpoint(sink.baseUrl())
            .name("bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
            .jmx(false);
    settings.forEach(config::set);
    return new TrackweaveClient(sink, TrackweaveRuntime.create(config.build()));
  }

  /** The whole caller-side work of one tracked order: the mapper's capture, then the runtime's track. */
  public void track(String customerId, Order order) {
    runtime.track(
        Person.identified(IdentifierType.ID, customerId),
        EVENT,
        OrderPayloads.capture(order),
        Tracker.NOW,
        order.orderId());
  }

  /** Only the runtime's part: the capture was made beforehand. */
  public void trackCaptured(String customerId, Fields properties, String orderId) {
    runtime.track(Person.identified(IdentifierType.ID, customerId), EVENT, properties, Tracker.NOW, orderId);
  }

  /** Records that {@code calls} more calls were made; returns the total. */
  public long sent(long calls) {
    return sent.addAndGet(calls);
  }

  public long sent() {
    return sent.get();
  }

  /** Flushes, then waits until the sink has counted {@code target} events; fails on any drop. */
  public void awaitDelivered(long target) {
    DeliveryReport report = runtime.flush(Duration.ofSeconds(60));
    if (!report.complete()) {
      throw new IllegalStateException("flush did not complete: " + report);
    }
    sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, target, 60_000, this::problem);
  }

  /** Non-null when an event was dropped or rejected: then the awaited count can never be reached. */
  public String problem() {
    MetricsSnapshot m = runtime.metrics();
    if (m.dropped() > 0 || m.rejected() > 0) {
      return "Trackweave dropped " + m.droppedByReason() + " rejected " + m.rejectedByReason();
    }
    return null;
  }

  public SinkProcess sink() {
    return sink;
  }

  public MetricsSnapshot metrics() {
    return runtime.metrics();
  }

  @Override
  public void close() {
    try {
      runtime.close(Duration.ofSeconds(10));
    } finally {
      sink.close();
    }
  }
}
