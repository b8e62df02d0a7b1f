package io.trackweave.spring.boot;

import io.trackweave.api.Trackweave;
import io.trackweave.runtime.DeliveryListener;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.internal.Credentials;
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
   * defaults. Installed at once, so beans that track while the context starts are not lost.
   */
  @Bean
  @ConditionalOnMissingBean
  public TrackweaveRuntime trackweaveRuntime(
      TrackweaveProperties properties, Environment environment, ObjectProvider<DeliveryListener> listener) {
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
            "Invalid " + springName(setting.getKey()) + " '" + setting.getValue() + "': " + e.getMessage(), e);
      }
    }
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
    } else {
      if (properties.getSite().getId() != null) {
        builder.siteId(properties.getSite().getId());
      }
      if (properties.getApi().getKey() != null) {
        builder.apiKey(properties.getApi().getKey());
      }
    }
    if (listener != null) {
      builder.listener(listener);
    }
    return builder.build();
  }

  private static String springName(String runtimeKey) {
    return "trackweave." + ("spool.fsync.interval".equals(runtimeKey) ? "spool.fsync-interval" : runtimeKey);
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
  public static TrackedMethodAdvisor trackweaveMethodAdvisor() {
    return new TrackedMethodAdvisor();
  }
}
