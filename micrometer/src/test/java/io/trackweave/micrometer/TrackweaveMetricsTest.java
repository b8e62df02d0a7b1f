package io.trackweave.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.TrackApiEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binder against a real runtime delivering to the emulator over HTTP: values, not just presence. */
class TrackweaveMetricsTest {
  private TrackApiEmulator emulator;
  private TrackweaveRuntime runtime;
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    emulator = TrackApiEmulator.start();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close(Duration.ofSeconds(5));
    }
    emulator.close();
  }

  private TrackweaveRuntime runtime(String apiKey) {
    runtime =
        TrackweaveRuntime.create(
            TrackweaveConfig.builder()
                .siteId(emulator.siteId())
                .apiKey(apiKey)
                .endpoint(emulator.endpoint())
                .name("metrics-test")
                .jmx(false)
                .spoolEnabled(false)
                .flushInterval(Duration.ofMillis(50))
                .build());
    return runtime;
  }

  private static Person customer(String id) {
    return Person.identified(IdentifierType.ID, id);
  }

  private double operations(String outcome, String reason) {
    return registry.get("trackweave.operations")
        .tags("runtime", "metrics-test", "outcome", outcome, "reason", reason)
        .functionCounter()
        .count();
  }

  @Test
  void countsDeliveriesRejectionsAndLatencyByValue() {
    TrackweaveRuntime r = runtime(emulator.apiKey());
    new TrackweaveMetrics(r).bindTo(registry);

    r.track(customer("c-1"), "order_completed", Fields.builder(1).put("total", 12.5).build());
    r.track(customer("c-2"), "order_completed", Fields.EMPTY);
    r.track(customer("c-3"), "x".repeat(200), Fields.EMPTY); // refused at capture: event name too long
    DeliveryReport report = r.flush(Duration.ofSeconds(5));

    assertThat(report.delivered()).isEqualTo(2);
    assertThat(emulator.events()).extracting(e -> e.name()).containsExactlyInAnyOrder("order_completed", "order_completed");
    assertThat(operations("enqueued", "none")).isEqualTo(2);
    assertThat(operations("delivered", "none")).isEqualTo(2);
    // the reason's counter appears at the first read after it occurred, with its full count
    assertThat(operations("rejected", "event_name_too_long")).isEqualTo(1);
    assertThat(registry.get("trackweave.requests").functionCounter().count()).isGreaterThanOrEqualTo(1);
    assertThat(registry.get("trackweave.retries").functionCounter().count()).isZero();
    assertThat(registry.get("trackweave.queue.bytes").gauge().value()).isZero();
    assertThat(registry.get("trackweave.queue.operations").gauge().value()).isZero();
    assertThat(registry.get("trackweave.spool.bytes").gauge().value()).isZero();
    var latency = registry.get("trackweave.batch.latency").functionTimer();
    assertThat(latency.count()).isEqualTo(r.metrics().batchLatencyCount()).isGreaterThanOrEqualTo(1);
    // Micrometer keeps times in its base unit (seconds): back in nanoseconds they may differ in the last bit
    assertThat(latency.totalTime(TimeUnit.NANOSECONDS))
        .isCloseTo((double) r.metrics().batchLatencyTotalNanos(), within(1.0)).isPositive();
    assertThat(registry.get("trackweave.batch.latency.max").timeGauge().value(TimeUnit.NANOSECONDS))
        .isCloseTo((double) r.metrics().batchLatencyMaxNanos(), within(1.0));
  }

  @Test
  void aRejectedApiKeyIsCountedAsUnauthorized() {
    TrackweaveRuntime r = runtime("not-the-key");
    new TrackweaveMetrics(r).bindTo(registry);

    r.track(customer("c-1"), "signed_up", Fields.EMPTY);
    r.flush(Duration.ofSeconds(5));
    System.gc(); // the binder made inline above must keep reporting

    assertThat(emulator.events()).isEmpty();
    assertThat(operations("enqueued", "none")).isEqualTo(1);
    assertThat(operations("delivered", "none")).isZero();
    assertThat(operations("rejected", "unauthorized")).isEqualTo(1);
  }

  @Test
  void everySeriesOfANameHasTheSameTagKeys() {
    TrackweaveRuntime r = runtime("not-the-key");
    new TrackweaveMetrics(r).bindTo(registry);
    r.track(customer("c-1"), "signed_up", Fields.EMPTY);
    r.flush(Duration.ofSeconds(5));
    registry.get("trackweave.operations").functionCounters().forEach(c -> c.count()); // a read registers new reasons

    List<Meter> operations = registry.find("trackweave.operations").meters().stream().toList();
    assertThat(operations).hasSize(5); // enqueued, delivered, spilled, replayed, rejected/unauthorized
    assertThat(operations)
        .allSatisfy(m -> assertThat(m.getId().getTags()).extracting(t -> t.getKey()).containsExactly("outcome", "reason", "runtime"));
  }
}
