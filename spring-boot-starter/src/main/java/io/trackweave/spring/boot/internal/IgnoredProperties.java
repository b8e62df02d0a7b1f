package io.trackweave.spring.boot.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code trackweave.*} keys of the environment that bind to no starter property: a mistyped name, the
 * runtime's spelling of a setting the starter names otherwise, a Kafka client property outside {@code
 * trackweave.kafka.properties}, or a setting of trackweave-relay. Spring Boot ignores such keys silently;
 * the starter names each one once at start-up, with why it has no effect (never its value: it may be a
 * secret).
 *
 * <p>Bound is what Spring's own binder takes for the properties class, recorded while binding it once more
 * (relaxed names, list elements and map entries included), so this never disagrees with the binding. In
 * the process-wide sources (environment variables, system properties) the runtime reads its settings
 * itself, so there only the relay's settings are named: anything else there is either read by the runtime
 * or belongs to another tool.
 */
public final class IgnoredProperties {
  private static final Log LOG = LogFactory.getLog(IgnoredProperties.class);
  private static final String ATTACHED = "configurationProperties"; // Boot's view over all the others
  private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("trackweave");
  private static final ConfigurationPropertyName RELAY = ConfigurationPropertyName.of("trackweave.relay");
  private static final ConfigurationPropertyName KAFKA = ConfigurationPropertyName.of("trackweave.kafka");
  private static final ConfigurationPropertyName AGENT = ConfigurationPropertyName.of("trackweave.agent");
  /** The agent's own settings (docs/configuration.md, "Agent settings") but {@code enabled}, which is one here too. */
  private static final Set<String> AGENT_SETTINGS = Set.of("exclude", "fallback", "buffer.size");

  /** The runtime's name of a setting (after {@code trackweave.}) where the starter's differs, and the starter's. */
  private static final Map<String, String> SPRING_NAMES = Map.of(
      "spool.fsync.interval", "spool.fsync-interval",
      "backfill.trigger.events", "backfill-trigger-events");

  private IgnoredProperties() {}

  /** The starter's property for a runtime setting key, e.g. {@code trackweave.spool.fsync-interval}. */
  public static String springName(String settingKey) {
    return "trackweave." + SPRING_NAMES.getOrDefault(settingKey, settingKey);
  }

  /** Logs one warning for each ignored key, at most once per key. */
  public static void warn(ConfigurableEnvironment environment, Class<?> properties) {
    for (String warning : find(environment, properties)) {
      LOG.warn(warning);
    }
  }

  /** One message per ignored key, in property source order; empty when the properties do not bind at all. */
  public static List<String> find(ConfigurableEnvironment environment, Class<?> properties) {
    Set<ConfigurationPropertyName> bound = new HashSet<>();
    try {
      Binder.get(environment).bind(PREFIX, Bindable.of(properties), new AbstractBindHandler() {
        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
          bound.add(name);
          return super.onSuccess(name, target, context, result);
        }
      });
    } catch (BindException e) {
      return List.of(); // the properties' own binding fails the context with this, and says why
    }
    Map<ConfigurationPropertyName, String> ignored = new LinkedHashMap<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (ATTACHED.equals(source.getName())
          || !(ConfigurationPropertySource.from(source) instanceof IterableConfigurationPropertySource view)) {
        continue;
      }
      boolean processWide = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
          || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName());
      view.filter(PREFIX::isAncestorOf).stream()
          .filter(name -> !bound.contains(name) && !ignored.containsKey(name))
          .forEach(name -> {
            String why = why(name, processWide);
            if (why != null) {
              ignored.put(name, "Trackweave: " + name + " is ignored" + from(view.getConfigurationProperty(name)) + ": " + why);
            }
          });
    }
    return new ArrayList<>(ignored.values());
  }

  /** Why the key has no effect, or null when it does (read by the runtime from the process's own sources). */
  private static String why(ConfigurationPropertyName name, boolean processWide) {
    if (RELAY.isAncestorOf(name)) {
      return "relay.* settings configure trackweave-relay, the service that sends the Kafka topic's calls to"
          + " Customer.io, not an application that publishes to it; set it in the relay's configuration";
    }
    if (processWide) {
      return null;
    }
    String key = name.toString().substring("trackweave.".length());
    if (SPRING_NAMES.containsKey(key)) {
      return "in Spring the setting " + key + " is " + springName(key);
    }
    if (AGENT_SETTINGS.contains(key) || AGENT.isAncestorOf(name)) {
      return "a setting of the agent, which reads -javaagent arguments, system properties and environment"
          + " variables, not Spring's configuration files";
    }
    if (KAFKA.isAncestorOf(name)) {
      return "a Kafka client property goes under trackweave.kafka.properties, as trackweave.kafka.properties."
          + key.substring("kafka.".length());
    }
    return "no Trackweave property has this name (docs/configuration.md lists them)";
  }

  /** Where the key was set, in words (a file and line, a variable's name): never its value. */
  private static String from(ConfigurationProperty property) {
    return property == null || property.getOrigin() == null ? "" : " (" + property.getOrigin() + ")";
  }
}
