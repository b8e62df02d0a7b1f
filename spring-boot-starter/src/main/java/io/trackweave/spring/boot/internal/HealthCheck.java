package io.trackweave.spring.boot.internal;

import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveRuntime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One look at a runtime's health as the {@code trackweave} health component reports it: a state and the
 * details. Spring Boot 3 ({@code org.springframework.boot.actuate.health}) and Spring Boot 4 ({@code
 * org.springframework.boot.health.contributor}) have two incompatible health APIs, so the starter has an
 * indicator for each; both only translate this result into their API's {@code Health}.
 */
public final class HealthCheck {
  /** The code and description of the custom status while delivery is impaired but not refused. */
  public static final String DEGRADED_CODE = "DEGRADED";
  public static final String DEGRADED_DESCRIPTION = "Delivery to Customer.io is impaired";

  /** A look's state and its details, in the order they are shown. */
  public record Result(HealthAssessment.State state, Map<String, Object> details) {
    public Result {
      Objects.requireNonNull(state, "state");
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
  }

  private final TrackweaveRuntime runtime;
  private final HealthAssessment assessment;

  /** Starts watching {@code runtime}'s counters from now. */
  public HealthCheck(TrackweaveRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.assessment = new HealthAssessment(runtime.metrics());
  }

  /**
   * {@code DOWN} once Customer.io rejected the credentials, {@code DEGRADED} while requests are retried without
   * deliveries or the disk spool grows, {@code UNKNOWN} when the runtime is disabled, else {@code UP}; the
   * runtime's counters as details.
   */
  public Result run() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", runtime.config().name());
    details.put("endpoint", runtime.config().baseUrl());
    details.put("apiVersion", runtime.config().apiVersion().toString());
    if (!runtime.isEnabled()) {
      details.put("enabled", false);
      details.put("reason", "disabled: no credentials, or an endpoint that would expose them (see the start-up warning)");
      return new Result(HealthAssessment.State.UNKNOWN, details);
    }
    MetricsSnapshot m = runtime.metrics();
    HealthAssessment.Verdict verdict = assessment.assess(m);
    if (verdict.reason() != null) {
      details.put("reason", verdict.reason());
    }
    details.put("enabled", true);
    details.put("enqueued", m.enqueued());
    details.put("delivered", m.delivered());
    details.put("rejected", m.rejected());
    details.put("rejectedByReason", m.rejectedByReason());
    details.put("dropped", m.dropped());
    details.put("droppedByReason", m.droppedByReason());
    details.put("retried", m.retried());
    details.put("violations", m.violations());
    details.put("queueBytes", m.queueBytes());
    details.put("queueOperations", m.queueOperations());
    details.put("spoolBytes", m.spoolBytes());
    details.put("batchLatencyMeanMillis", m.batchLatencyMeanMillis());
    return new Result(verdict.state(), details);
  }
}
