package io.trackweave.spring.boot;

import io.trackweave.micrometer.TrackweaveMetrics;
import io.trackweave.runtime.TrackweaveRuntime;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runtime's health component (Spring Boot 3's Actuator API) and Micrometer meters, when Actuator and
 * Micrometer are on the class path. Boot binds every {@code MeterBinder} bean to its registries. On Spring Boot
 * 4 the health component comes from {@link io.trackweave.spring.boot.health.TrackweaveHealthAutoConfiguration}.
 */
@AutoConfiguration(after = TrackweaveAutoConfiguration.class)
@ConditionalOnClass(TrackweaveRuntime.class)
public class TrackweaveActuatorAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
  @ConditionalOnBean(TrackweaveRuntime.class)
  @ConditionalOnProperty(prefix = "management.health.trackweave", name = "enabled", matchIfMissing = true)
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "trackweaveHealthIndicator")
    TrackweaveHealthIndicator trackweaveHealthIndicator(TrackweaveRuntime runtime) {
      return new TrackweaveHealthIndicator(runtime);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  @ConditionalOnBean(TrackweaveRuntime.class)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    TrackweaveMetrics trackweaveMetrics(TrackweaveRuntime runtime) {
      return new TrackweaveMetrics(runtime);
    }
  }
}
