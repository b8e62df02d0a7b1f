package io.trackweave.spring.boot.health;

import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.HealthCheck;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code trackweave} health component on Spring Boot 4, whose health API moved to {@code
 * org.springframework.boot.health.contributor} (module {@code spring-boot-health}); this package mirrors that
 * move. It reports exactly what {@link io.trackweave.spring.boot.TrackweaveHealthIndicator} reports on Spring
 * Boot 3: {@code DOWN} once Customer.io rejected the credentials, {@code DEGRADED} while requests are retried
 * without deliveries or the disk spool grows, {@code UNKNOWN} when the runtime is disabled, else {@code UP};
 * the runtime's counters as details.
 *
 * <p>{@code DEGRADED} is a custom status that Boot's default order ranks below {@code UP}; list it in {@code
 * management.endpoint.health.status.order} to make it count.
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
