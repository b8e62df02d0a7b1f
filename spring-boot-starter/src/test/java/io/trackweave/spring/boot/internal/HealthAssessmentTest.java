package io.trackweave.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.spring.boot.internal.HealthAssessment.State;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdicts from how the counters move between two looks (the HTTP paths are in HealthTest). */
class HealthAssessmentTest {
  private static MetricsSnapshot snapshot(long delivered, Map<String, Long> rejected, long retried, long queued, long spoolBytes) {
    long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
    return new MetricsSnapshot(delivered + rejectedTotal + queued, delivered, rejectedTotal, rejected, 0, Map.of(), retried, 0,
        queued * 100, queued, 0, 0, 0, 0, 0, 0, 0, spoolBytes, 0, Map.of());
  }

  @Test
  void upWhileNothingMovesOrDeliveriesGrow() {
    HealthAssessment health = new HealthAssessment(snapshot(0, Map.of(), 0, 0, 0));
    assertThat(health.assess(snapshot(0, Map.of(), 0, 0, 0)).state()).isEqualTo(State.UP);
    assertThat(health.assess(snapshot(10, Map.of(), 0, 0, 0)).state()).isEqualTo(State.UP);
  }

  @Test
  void downOnRejectedCredentialsUntilADeliverySucceeds() {
    HealthAssessment health = new HealthAssessment(snapshot(5, Map.of(), 0, 0, 0));
    assertThat(health.assess(snapshot(5, Map.of("forbidden", 2L), 0, 0, 0)).state()).isEqualTo(State.DOWN);
    assertThat(health.assess(snapshot(5, Map.of("forbidden", 2L), 0, 0, 0)).state()).isEqualTo(State.DOWN);
    assertThat(health.assess(snapshot(6, Map.of("forbidden", 2L), 0, 0, 0)).state()).isEqualTo(State.UP);
    // other rejections (a bad event) say nothing about the credentials
    assertThat(health.assess(snapshot(6, Map.of("forbidden", 2L, "bad_request", 1L), 0, 0, 0)).state()).isEqualTo(State.UP);
  }

  @Test
  void startsDownWhenCredentialsWereRejectedBeforeAndNothingWasEverDelivered() {
    HealthAssessment health = new HealthAssessment(snapshot(0, Map.of("unauthorized", 1L), 0, 0, 0));
    assertThat(health.assess(snapshot(0, Map.of("unauthorized", 1L), 0, 0, 0)).state()).isEqualTo(State.DOWN);
  }

  @Test
  void degradedWhileRetryingWithoutDeliveriesAndWhileCallsWaitAfterwards() {
    HealthAssessment health = new HealthAssessment(snapshot(0, Map.of(), 0, 3, 0));
    assertThat(health.assess(snapshot(0, Map.of(), 4, 3, 0)).state()).isEqualTo(State.DEGRADED);
    // a long backoff: no new retry since the last look, nothing delivered, calls still held
    assertThat(health.assess(snapshot(0, Map.of(), 4, 3, 0)).state()).isEqualTo(State.DEGRADED);
    // retries that deliver are normal operation
    assertThat(health.assess(snapshot(3, Map.of(), 6, 0, 0)).state()).isEqualTo(State.UP);
  }

  @Test
  void degradedWhileTheSpoolGrows() {
    HealthAssessment health = new HealthAssessment(snapshot(0, Map.of(), 0, 0, 0));
    HealthAssessment.Verdict verdict = health.assess(snapshot(0, Map.of(), 0, 0, 4096));
    assertThat(verdict.state()).isEqualTo(State.DEGRADED);
    assertThat(verdict.reason()).contains("spool").contains("4096 bytes");
    assertThat(health.assess(snapshot(0, Map.of(), 0, 0, 4096)).state()).isEqualTo(State.UP); // no longer growing
  }
}
