package io.trackweave.spring.boot;

import io.trackweave.api.Trackweave;
import io.trackweave.runtime.DeliveryListener;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.Credentials;
import io.trackweave.spring.boot.internal.IgnoredProperties;
import io.trackweave.spring.boot.internal.TrackedMethodAdvisor;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * One {@link TrackweaveRuntime} from {@code trackweave.*} properties ({@link TrackweaveProperties}),
 * installed as the tracker every generated mapper uses; its flush on context close ({@link
 * TrackweaveLifecycle}); and the advisor that tracks annotated methods of Spring beans. A runtime bean of
 * the application's own replaces the first; {@code trackweave.enabled=false} turns all of it off.
 */
@AutoConfiguration
@ConditionalOnClass(TrackweaveRuntime.class)
@ConditionalOnProperty(prefix = "trackweave", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TrackweaveProperties.class)
public class TrackweaveAutoConfiguration {

  /**
   * Settings not given as {@code trackweave.*} fall through to what the runtime reads itself, then to its
   * defaults. Installed at once, so beans that track while the context starts are not lost. A {@code
   * trackweave.*} key that binds to nothing is named in a warning first (Spring would ignore it silently).
   */
  @Bean
  @ConditionalOnMissingBean
  public TrackweaveRuntime trackweaveRuntime(
      TrackweaveProperties properties, Environment environment, ObjectProvider<DeliveryListener> listener) {
    if (environment instanceof ConfigurableEnvironment configurable) {
      IgnoredProperties.warn(configurable, TrackweaveProperties.class);
    }
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(properties, environment, listener.getIfUnique()));
    Trackweave.install(runtime);
    return runtime;
  }

  static TrackweaveConfig config(TrackweaveProperties properties, Environment environment, DeliveryListener listener) {
    TrackweaveConfig.Builder builder = TrackweaveConfig.builder();
    for (Map.Entry<String, String> setting : properties.runtimeSettings().entrySet()) {
      try {
        builder.set(setting.getKey(), setting.getValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "Invalid " + IgnoredProperties.springName(setting.getKey()) + " '" + setting.getValue() + "': "
                + e.getMessage(), e);
      }
    }
    kafkaProperties(properties.getKafka().getProperties(), builder);
    if (environment instanceof ConfigurableEnvironment configurable) {
      String siteId = Credentials.resolve(configurable, "trackweave.site.id", "CUSTOMERIO_SITE_ID");
      if (siteId != null) {
        builder.siteId(siteId);
      }
      String apiKey = Credentials.resolve(configurable, "trackweave.api.key", "CUSTOMERIO_API_KEY");
      if (apiKey != null) {
        try {
          builder.apiKey(apiKey);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("Invalid trackweave.api.key (value not shown)"); // never the secret
        }
      }
      String pipelinesKey = Credentials.resolve(configurable, "trackweave.pipelines.api.key", "CUSTOMERIO_PIPELINES_API_KEY");
      if (pipelinesKey != null) {
        try {
          builder.pipelinesApiKey(pipelinesKey);
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("Invalid trackweave.pipelines.api.key (value not shown)"); // never the secret
        }
      }
    } else {
      if (properties.getSite().getId() != null) {
        builder.siteId(properties.getSite().getId());
      }
      if (properties.getApi().getKey() != null) {
        builder.apiKey(properties.getApi().getKey());
      }
      if (properties.getPipelines().getApi().getKey() != null) {
        builder.pipelinesApiKey(properties.getPipelines().getApi().getKey());
      }
    }
    if (listener != null) {
      builder.listener(listener);
    }
    return builder.build();
  }

  /**
   * {@code trackweave.kafka.properties.*}: the Kafka client's own properties, passed through unchecked (the
   * Kafka transport's producer judges them). Values are never shown: {@code sasl.jaas.config} holds a password.
   */
  private static void kafkaProperties(Map<String, String> kafka, TrackweaveConfig.Builder builder) {
    for (Map.Entry<String, String> p : kafka.entrySet()) {
      String name = p.getKey().trim();
      if (name.equals("topic") || name.equals("bootstrap.servers")) {
        throw new IllegalStateException("trackweave.kafka.properties." + name + " is a setting of its own: set"
            + " trackweave.kafka." + name + " instead");
      }
      builder.kafkaProperty(name, p.getValue());
    }
  }

  /** Flushes the runtime when the context closes, after the web server stopped taking requests. */
  @Bean
  @ConditionalOnBean(TrackweaveRuntime.class)
  @ConditionalOnMissingBean
  public TrackweaveLifecycle trackweaveLifecycle(TrackweaveRuntime runtime) {
    return new TrackweaveLifecycle(runtime);
  }

  /**
   * The proxy advisor (static and infrastructure: it is needed before ordinary beans exist, and Boot's
   * auto-proxy creator takes infrastructure advisors with or without AspectJ).
   */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  @ConditionalOnClass(name = "org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor")
  @ConditionalOnProperty(prefix = "trackweave.advisor", name = "enabled", matchIfMissing = true)
  static TrackedMethodAdvisor trackweaveMethodAdvisor() { // package-private: the advisor is internal, its bean is not API
    return new TrackedMethodAdvisor();
  }
}
