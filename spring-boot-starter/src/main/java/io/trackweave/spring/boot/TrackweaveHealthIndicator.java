package io.trackweave.spring.boot;

import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.HealthAssessment;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code trackweave} health component: {@code DOWN} once Customer.io rejected the credentials,
 * {@code DEGRADED} while requests are retried without deliveries or the disk spool grows, {@code UNKNOWN}
 * when the runtime is disabled (no credentials), else {@code UP}; the runtime's counters as details.
 *
 * <p>{@code DEGRADED} is a custom status: Boot's default order ranks it below {@code UP}, so it shows here
 * without turning the application's overall health (or its HTTP status) bad; list it in {@code
 * management.endpoint.health.status.order} to make it count. Kubernetes probe groups
 * (liveness/readiness) do not include this component unless configured to.
 */
public final class TrackweaveHealthIndicator extends AbstractHealthIndicator {
  /** The status while delivery is impaired but not refused. */
  public static final Status DEGRADED = new Status("DEGRADED", "Delivery to Customer.io is impaired");

  private final TrackweaveRuntime runtime;
  private final HealthAssessment assessment;

  public TrackweaveHealthIndicator(TrackweaveRuntime runtime) {
    super("Trackweave health check failed");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.assessment = new HealthAssessment(runtime.metrics());
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("name", runtime.config().name())
        .withDetail("endpoint", runtime.config().baseUrl())
        .withDetail("apiVersion", runtime.config().apiVersion().toString());
    if (!runtime.isEnabled()) {
      builder.unknown().withDetail("enabled", false)
          .withDetail("reason", "disabled: no credentials, or an endpoint that would expose them (see the start-up warning)");
      return;
    }
    MetricsSnapshot m = runtime.metrics();
    HealthAssessment.Verdict verdict = assessment.assess(m);
    switch (verdict.state()) {
      case DOWN -> builder.down();
      case DEGRADED -> builder.status(DEGRADED);
      default -> builder.up();
    }
    if (verdict.reason() != null) {
      builder.withDetail("reason", verdict.reason());
    }
    builder.withDetail("enabled", true)
        .withDetail("enqueued", m.enqueued())
        .withDetail("delivered", m.delivered())
        .withDetail("rejected", m.rejected())
        .withDetail("rejectedByReason", m.rejectedByReason())
        .withDetail("dropped", m.dropped())
        .withDetail("droppedByReason", m.droppedByReason())
        .withDetail("retried", m.retried())
        .withDetail("violations", m.violations())
        .withDetail("queueBytes", m.queueBytes())
        .withDetail("queueOperations", m.queueOperations())
        .withDetail("spoolBytes", m.spoolBytes())
        .withDetail("batchLatencyMeanMillis", m.batchLatencyMeanMillis());
  }
}
