package io.trackweave.bench.client;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.bench.agent.CheckoutService;
import io.trackweave.bench.agent.CheckoutService_confirmPayment_TrackweaveMapper;
import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.sink.SinkProcess;
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
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config.build());
    // what generated mappers call; no shutdown hook is wanted here, so not installGlobally()
    Trackweave.install(runtime);
    return new TrackweaveClient(sink, runtime);
  }

  /**
   * The whole caller-side work of one tracked order: the processor-generated mapper of
   * {@link CheckoutService#confirmPayment} (capture, plan checks) called directly, then the runtime's
   * track, which the mapper reaches through {@link Trackweave#tracker()}.
   */
  public void track(String customerId, Order order) {
    CheckoutService_confirmPayment_TrackweaveMapper.afterReturn(customerId, order, order);
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
    // flush waits for what was enqueued before it; its report's "pending" also counts calls another
    // benchmark thread made meanwhile, so the sink's count is what decides
    runtime.flush(Duration.ofSeconds(60));
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

  /** Waits until fewer than {@code window} events sent so far are still on their way to the sink. */
  public void awaitOutstandingBelow(long window) {
    long mustHave = sent.get() - window;
    if (mustHave > 0) {
      sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, mustHave, 60_000, this::problem);
    }
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
      Trackweave.uninstall(runtime);
      runtime.close(Duration.ofSeconds(10));
    } finally {
      sink.close();
    }
  }
}
