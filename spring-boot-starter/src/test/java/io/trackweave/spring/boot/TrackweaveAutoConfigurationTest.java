package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.micrometer.TrackweaveMetrics;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.TrackedMethodAdvisor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TrackweaveAutoConfigurationTest {
  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TrackweaveAutoConfiguration.class, TrackweaveActuatorAutoConfiguration.class))
          .withPropertyValues("trackweave.site.id=site", "trackweave.api.key=key", "trackweave.jmx=false", "trackweave.spool.enabled=false");

  @Test
  void bindsTrackweavePropertiesInTheRuntimesSyntaxWithRelaxedNames() {
    contexts
        .withPropertyValues(
            "trackweave.flush.interval=250ms",
            "trackweave.queue.max.bytes=8m",
            "trackweave.retry.max.attempts=3",
            "trackweave.spool.fsyncInterval=2s", // relaxed: spool.fsync-interval
            "trackweave.region=eu",
            "trackweave.spool.fsync=never",
            "trackweave.name=orders")
        .run(context -> {
          TrackweaveConfig config = context.getBean(TrackweaveRuntime.class).config();
          assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(250));
          assertThat(config.queueMaxBytes()).isEqualTo(8L * 1024 * 1024);
          assertThat(config.retryMaxAttempts()).isEqualTo(3);
          assertThat(config.spoolFsyncInterval()).isEqualTo(Duration.ofSeconds(2));
          assertThat(config.baseUrl()).isEqualTo("https://track-eu.customer.io");
          assertThat(config.name()).isEqualTo("orders");
          assertThat(config.siteId()).isEqualTo("site");
          assertThat(config.hasCredentials()).isTrue();
          assertThat(context).hasSingleBean(TrackweaveLifecycle.class).hasSingleBean(TrackedMethodAdvisor.class)
              .hasSingleBean(TrackweaveHealthIndicator.class).hasSingleBean(TrackweaveMetrics.class);
        });
  }

  @Test
  void anImpossibleValueStopsTheContextNamingTheProperty() {
    contexts.withPropertyValues("trackweave.flush.interval=soon").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("soon");
      assertThat(context.getStartupFailure()).hasStackTraceContaining("Invalid trackweave.flush.interval 'soon'");
    });
  }

  @Test
  void theApiKeyNeverAppearsInAnError() {
    contexts.withPropertyValues("trackweave.api.key= ").run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnRuntime() {
    contexts.withUserConfiguration(OwnRuntime.class).run(context -> {
      assertThat(context).hasSingleBean(TrackweaveRuntime.class);
      assertThat(context.getBean(TrackweaveRuntime.class).config().name()).isEqualTo("mine");
      assertThat(context).hasSingleBean(TrackweaveLifecycle.class); // its own runtime still flushes on close
    });
  }

  @Test
  void turnedOffEntirely() {
    contexts.withPropertyValues("trackweave.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(TrackweaveRuntime.class).doesNotHaveBean(TrackedMethodAdvisor.class)
            .doesNotHaveBean(TrackweaveHealthIndicator.class));
  }

  @Test
  void theAdvisorCanBeTurnedOff() {
    contexts.withPropertyValues("trackweave.advisor.enabled=false").run(context ->
        assertThat(context).hasSingleBean(TrackweaveRuntime.class).doesNotHaveBean(TrackedMethodAdvisor.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRuntime {
    @Bean
    TrackweaveRuntime myRuntime() {
      return TrackweaveRuntime.create(TrackweaveConfig.builder().siteId("s").apiKey("k").name("mine").jmx(false).build());
    }
  }
}
