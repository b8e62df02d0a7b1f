package io.trackweave.spring.boot.internal;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Resolves {@code trackweave.site.id} and {@code trackweave.api.key} with Customer.io's own environment
 * variables ({@code CUSTOMERIO_SITE_ID}, {@code CUSTOMERIO_API_KEY}) taken as aliases at the precedence of
 * environment variables: above {@code application.yml}, below system properties and command-line
 * arguments, as any environment variable in Spring Boot. Within the environment, the {@code TRACKWEAVE_*}
 * spelling wins over the alias.
 */
public final class Credentials {
  private static final String ATTACHED = "configurationProperties"; // Boot's view over all the others

  private Credentials() {}

  /** The value of {@code property} (or its {@code alias} variable) from the strongest source, or null. */
  public static String resolve(ConfigurableEnvironment environment, String property, String alias) {
    ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (ATTACHED.equals(source.getName())) {
        continue;
      }
      ConfigurationPropertySource view = ConfigurationPropertySource.from(source);
      ConfigurationProperty bound = view == null ? null : view.getConfigurationProperty(name);
      if (bound != null && bound.getValue() != null && !bound.getValue().toString().isBlank()) {
        return environment.resolvePlaceholders(bound.getValue().toString());
      }
      if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
        Object value = source.getProperty(alias);
        if (value != null && !value.toString().isBlank()) {
          return value.toString();
        }
      }
    }
    return null;
  }
}
