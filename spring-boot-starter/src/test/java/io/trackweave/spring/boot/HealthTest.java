package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.health.TrackweaveHealthAutoConfiguration;
import io.trackweave.testkit.TrackApiEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Boot 3 health component against the emulator: rejected credentials, an outage, recovery (Boot 4: health.Boot4HealthTest). */
class HealthTest {
  private final TrackApiEmulator emulator = TrackApiEmulator.start();
  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TrackweaveAutoConfiguration.class, TrackweaveActuatorAutoConfiguration.class,
              TrackweaveHealthAutoConfiguration.class))
          .withPropertyValues(
              "trackweave.endpoint=" + emulator.endpoint(),
              "trackweave.site.id=" + emulator.siteId(),
              "trackweave.jmx=false",
              "trackweave.spool.enabled=false",
              "trackweave.flush.interval=20ms",
              "trackweave.retry.initial.backoff=20ms",
              "trackweave.retry.max.backoff=50ms",
              "trackweave.retry.max.attempts=100");

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static void track(TrackweaveRuntime runtime, String event) {
    runtime.track(Person.identified(IdentifierType.ID, "c-1"), event, Fields.EMPTY);
  }

  @Test
  void onBoot3OnlyTheBoot3IndicatorRegisters() {
    contexts.withPropertyValues("trackweave.api.key=" + emulator.apiKey()).run(context -> {
      // Boot 4's health API is not on this class path: its configuration backs off without loading its classes
      assertThat(context).hasNotFailed().hasSingleBean(TrackweaveHealthIndicator.class)
          .doesNotHaveBean(TrackweaveHealthAutoConfiguration.class);
      assertThat(context.getBean("trackweaveHealthIndicator")).isInstanceOf(TrackweaveHealthIndicator.class);
    });
  }

  @Test
  void downOnceCustomerIoRejectsTheCredentials() {
    contexts.withPropertyValues("trackweave.api.key=wrong").run(context -> {
      TrackweaveRuntime runtime = context.getBean(TrackweaveRuntime.class);
      TrackweaveHealthIndicator health = context.getBean(TrackweaveHealthIndicator.class);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);

      track(runtime, "signed_up");
      assertThat(runtime.flush(Duration.ofSeconds(5)).rejected()).isEqualTo(1);

      Health down = health.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails().get("reason").toString()).contains("rejected the credentials (unauthorized: 1, forbidden: 0)");
      assertThat(down.getDetails()).containsEntry("delivered", 0L).containsEntry("rejected", 1L);
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN); // stays down: nothing delivered since
    });
  }

  @Test
  void degradedWhileRetryingWithoutDeliveriesThenUpAgain() {
    contexts.withPropertyValues("trackweave.api.key=" + emulator.apiKey()).run(context -> {
      TrackweaveRuntime runtime = context.getBean(TrackweaveRuntime.class);
      TrackweaveHealthIndicator health = context.getBean(TrackweaveHealthIndicator.class);
      emulator.faults().failNext(1000, 503);

      track(runtime, "signed_up");
      assertThat(runtime.flush(Duration.ofMillis(500)).complete()).isFalse(); // still retrying at the deadline

      Health degraded = health.health();
      assertThat(degraded.getStatus()).isEqualTo(TrackweaveHealthIndicator.DEGRADED);
      assertThat(degraded.getDetails().get("reason").toString()).startsWith("retrying without delivering");
      assertThat((Long) degraded.getDetails().get("retried")).isPositive();

      emulator.faults().clear();
      assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(emulator.events()).extracting(e -> e.name()).containsExactly("signed_up");
    });
  }

  @Test
  void unknownWhenTheRuntimeIsDisabled() {
    contexts.withPropertyValues("trackweave.site.id= ").run(context -> {
      // no credentials anywhere: the runtime is a no-op and says why
      if (System.getenv("CUSTOMERIO_SITE_ID") == null) {
        Health health = context.getBean(TrackweaveHealthIndicator.class).health();
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("enabled", false);
      }
    });
  }
}
