package io.trackweave.spring.boot.health;

import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.TrackweaveAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The runtime's health component on Spring Boot 4 (its {@code spring-boot-health} module on the class path).
 * On Spring Boot 3 this backs off and {@link io.trackweave.spring.boot.TrackweaveActuatorAutoConfiguration}
 * registers the Boot 3 indicator under the same bean name; Boot 4's Actuator has no Boot 3 health API, so at
 * most one of the two applies. The class condition is by name so that this class loads on Boot 3 too.
 */
@AutoConfiguration(after = TrackweaveAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
@ConditionalOnBean(TrackweaveRuntime.class)
@ConditionalOnProperty(prefix = "management.health.trackweave", name = "enabled", matchIfMissing = true)
public class TrackweaveHealthAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "trackweaveHealthIndicator")
  TrackweaveHealthIndicator trackweaveHealthIndicator(TrackweaveRuntime runtime) {
    return new TrackweaveHealthIndicator(runtime);
  }
}
