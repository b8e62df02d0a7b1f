package io.trackweave.spring.boot;

import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.HealthCheck;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code trackweave} health component on Spring Boot 3: {@code DOWN} once Customer.io rejected the
 * credentials, {@code DEGRADED} while requests are retried without deliveries or the disk spool grows,
 * {@code UNKNOWN} when the runtime is disabled (no credentials), else {@code UP}; the runtime's counters as
 * details. On Spring Boot 4, whose health API moved, {@link io.trackweave.spring.boot.health.TrackweaveHealthIndicator}
 * reports the same.
 *
 * <p>{@code DEGRADED} is a custom status: Boot's default order ranks it below {@code UP}, so it shows here
 * without turning the application's overall health (or its HTTP status) bad; list it in {@code
 * management.endpoint.health.status.order} to make it count. Kubernetes probe groups
 * (liveness/readiness) do not include this component unless configured to.
 */
public final class TrackweaveHealthIndicator extends AbstractHealthIndicator {
  /** The status while delivery is impaired but not refused. */
  public static final Status DEGRADED = new Status(HealthCheck.DEGRADED_CODE, HealthCheck.DEGRADED_DESCRIPTION);

  private final HealthCheck check;

  public TrackweaveHealthIndicator(TrackweaveRuntime runtime) {
    super("Trackweave health check failed");
    this.check = new HealthCheck(runtime);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthCheck.Result result = check.run();
    builder.status(switch (result.state()) {
      case UP -> Status.UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> Status.DOWN;
      case UNKNOWN -> Status.UNKNOWN;
    }).withDetails(result.details());
  }
}
