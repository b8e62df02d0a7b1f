package io.trackweave.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.TrackweaveProperties;
import io.trackweave.spring.boot.internal.IgnoredProperties;
import io.trackweave.testkit.TrackApiEmulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The health component on Spring Boot 4, in the starter's own build: this class runs in surefire's {@code boot4}
 * execution, whose class path has Spring Boot 4.0's Actuator (and Spring Framework 7) in place of Boot 3.5's.
 * A real application with auto-configuration from the starter's {@code AutoConfiguration.imports}; the component
 * is read through Boot 4's {@code HealthEndpoint}, as {@code /actuator/health/trackweave} answers. (Over HTTP on
 * an embedded server: {@code examples/spring-boot4-web}.)
 */
class Boot4HealthTest {
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {}

  private final TrackApiEmulator emulator = TrackApiEmulator.start();
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    emulator.close();
  }

  private TrackweaveRuntime start(String apiKey) {
    app = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
        .properties(
            "management.endpoint.health.show-details=always",
            "trackweave.endpoint=" + emulator.endpoint(),
            "trackweave.site.id=" + emulator.siteId(),
            "trackweave.api.key=" + apiKey,
            "trackweave.jmx=false",
            "trackweave.spool.enabled=false",
            "trackweave.flush.interval=20ms",
            "trackweave.retry.initial.backoff=20ms",
            "trackweave.retry.max.backoff=50ms",
            "trackweave.retry.max.attempts=100")
        .run();
    return app.getBean(TrackweaveRuntime.class);
  }

  private IndicatedHealthDescriptor trackweave() {
    return (IndicatedHealthDescriptor) app.getBean(HealthEndpoint.class).healthForPath("trackweave");
  }

  private static void track(TrackweaveRuntime runtime, String event) {
    runtime.track(Person.identified(IdentifierType.ID, "c-1"), event, Fields.EMPTY);
  }

  /** The startup check of unbound trackweave.* keys uses Boot's binder API, which Boot 4 keeps: the same answer. */
  @Test
  void keysThatBindToNothingAreFoundOnBoot4Too() {
    app = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
        .properties("trackweave.jmx=false", "trackweave.spool.enabled=false", "trackweave.relay.group=g",
            "trackweave.flush.intervall=1s", "trackweave.kafka.properties.security.protocol=SSL",
            "trackweave.backfill-trigger-events[0]=signed_up")
        .run();
    assertThat(IgnoredProperties.find(app.getEnvironment(), TrackweaveProperties.class)).satisfiesExactlyInAnyOrder(
        w -> assertThat(w).startsWith("Trackweave: trackweave.relay.group is ignored"),
        w -> assertThat(w).startsWith("Trackweave: trackweave.flush.intervall is ignored"));
  }

  @Test
  void thisRunsOnBoot4WhereBoot3sHealthApiIsGone() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    assertThatThrownBy(() -> Class.forName("org.springframework.boot.actuate.health.AbstractHealthIndicator"))
        .isInstanceOf(ClassNotFoundException.class);
    start(emulator.apiKey());
    // the Boot 4 indicator, under the name Boot 3's has: the component is "trackweave" on both
    assertThat(app.getBean("trackweaveHealthIndicator")).isInstanceOf(TrackweaveHealthIndicator.class);
    assertThat(app.getBeansOfType(TrackweaveHealthIndicator.class)).hasSize(1);
  }

  @Test
  void upWithTheCountersWhileTheEmulatorAnswers() {
    TrackweaveRuntime runtime = start(emulator.apiKey());
    track(runtime, "signed_up");
    assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();

    IndicatedHealthDescriptor health = trackweave();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    Map<String, Object> details = health.getDetails();
    assertThat(details).containsEntry("enabled", true).containsEntry("endpoint", emulator.endpoint())
        .containsEntry("enqueued", 1L).containsEntry("delivered", 1L).containsEntry("rejected", 0L)
        .doesNotContainKey("reason");
    assertThat(emulator.events()).extracting(e -> e.name()).containsExactly("signed_up");
  }

  @Test
  void degradedWhileRetryingWithoutDeliveriesThenUpAgain() {
    TrackweaveRuntime runtime = start(emulator.apiKey());
    emulator.faults().failNext(1000, 503);
    track(runtime, "signed_up");
    assertThat(runtime.flush(Duration.ofMillis(500)).complete()).isFalse(); // still retrying at the deadline

    IndicatedHealthDescriptor degraded = trackweave();
    assertThat(degraded.getStatus()).isEqualTo(TrackweaveHealthIndicator.DEGRADED);
    assertThat(degraded.getStatus().getCode()).isEqualTo("DEGRADED");
    assertThat(degraded.getDetails().get("reason").toString()).startsWith("retrying without delivering");
    assertThat((Long) degraded.getDetails().get("retried")).isPositive();

    emulator.faults().clear();
    assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();
    assertThat(trackweave().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void downOnceCustomerIoRejectsTheCredentials() {
    TrackweaveRuntime runtime = start("wrong");
    assertThat(trackweave().getStatus()).isEqualTo(Status.UP);
    track(runtime, "signed_up");
    assertThat(runtime.flush(Duration.ofSeconds(5)).rejected()).isEqualTo(1);

    IndicatedHealthDescriptor down = trackweave();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails().get("reason").toString()).contains("rejected the credentials (unauthorized: 1, forbidden: 0)");
    assertThat(down.getDetails()).containsEntry("delivered", 0L).containsEntry("rejected", 1L);
    assertThat(trackweave().getStatus()).isEqualTo(Status.DOWN); // stays down: nothing delivered since
  }

  @Test
  void offWithManagementHealthTrackweaveEnabledFalse() {
    app = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
        .properties("management.health.trackweave.enabled=false", "trackweave.endpoint=" + emulator.endpoint(),
            "trackweave.site.id=" + emulator.siteId(), "trackweave.api.key=" + emulator.apiKey(), "trackweave.jmx=false",
            "trackweave.spool.enabled=false")
        .run();
    assertThat(app.getBeansOfType(TrackweaveHealthIndicator.class)).isEmpty();
    assertThat(app.getBean(HealthEndpoint.class).healthForPath("trackweave")).isNull();
  }
}
