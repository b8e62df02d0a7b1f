package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.runtime.internal.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.Transport;
import io.trackweave.runtime.TrackweaveConfig;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link TrackweaveProperties} and the runtime's {@link Setting} are held to each other: every setting is a
 * {@code trackweave.*} property here (or is named below as not one yet, with why), under the setting's own
 * name, with the setting's default in the IDE metadata, and a value given to the property reaches the
 * runtime as that setting. A setting added to the runtime without a decision here fails.
 */
class TrackweavePropertiesSettingsTest {
  /** Bound here, but resolved against Customer.io's variables by the starter itself, not passed as text. */
  private static final Set<Setting> CREDENTIALS = EnumSet.of(Setting.SITE_ID, Setting.API_KEY, Setting.PIPELINES_API_KEY);

  /**
   * Not starter properties: settings of trackweave-relay, the service that drains the Kafka topic into
   * Customer.io; an application that publishes to the topic has no use for them, and a {@code trackweave.relay.*}
   * key in its environment is named in a start-up warning instead (IgnoredPropertiesTest).
   */
  private static final Set<Setting> NOT_BOUND = EnumSet.of(Setting.RELAY_GROUP, Setting.RELAY_DEAD_LETTER_TOPIC);

  /** Values for settings whose default is not a value ({@code (from region)}, {@code (per site)}, {@code (none)}). */
  private static final Map<Setting, String> SAMPLE = Map.of(
      Setting.ENDPOINT, "http://localhost:8080", Setting.SPOOL_DIR, "/var/spool/trackweave",
      Setting.BACKFILL_TRIGGER_EVENTS, "signed_up,order_completed", Setting.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");

  /** The Spring property of a setting: its own name, but for those whose name is a value itself in YAML. */
  private static String property(Setting s) {
    return "trackweave." + switch (s) {
      case SPOOL_FSYNC_INTERVAL -> "spool.fsync-interval";
      case BACKFILL_TRIGGER_EVENTS -> "backfill-trigger-events";
      default -> s.key();
    };
  }

  @Test
  void everySettingIsAPropertyWithTheSettingsDefaultInTheIdeMetadata() throws IOException {
    Map<String, JsonNode> metadata = metadata();
    List<String> problems = new ArrayList<>();
    for (Setting s : Setting.values()) {
      JsonNode p = metadata.get(property(s));
      if (NOT_BOUND.contains(s)) {
        if (p != null) {
          problems.add(property(s) + " is bound now: take " + s + " off NOT_BOUND");
        }
        continue;
      }
      if (p == null) {
        problems.add("no property " + property(s) + " for setting " + s.key() + ": add it to TrackweaveProperties"
            + " (and its default to additional-spring-configuration-metadata.json), or to NOT_BOUND with why");
        continue;
      }
      String expected = s.defaultText().startsWith("(") ? null : s.defaultText();
      String actual = p.hasNonNull("defaultValue") ? p.get("defaultValue").asText() : null;
      if (expected == null ? actual != null : !expected.equals(actual) && !sameNumber(expected, actual)) {
        problems.add(property(s) + ": the IDE metadata's default is " + actual + ", the runtime's " + expected);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aValueGivenToEachPropertyReachesTheRuntimeAsItsSetting() {
    Map<String, String> given = new HashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      if (NOT_BOUND.contains(s) || CREDENTIALS.contains(s)) {
        continue;
      }
      String value = SAMPLE.getOrDefault(s, s.defaultText());
      given.put(property(s), value);
      expected.put(s.key(), value);
    }
    TrackweaveProperties properties = new Binder(new MapConfigurationPropertySource(given))
        .bindOrCreate("trackweave", TrackweaveProperties.class);

    Map<String, String> settings = properties.runtimeSettings();

    assertThat(settings).containsOnlyKeys(expected.keySet());
    settings.forEach((key, value) -> {
      Setting s = Setting.byAnyName(key);
      assertThat(s).as(key).isNotNull();
      assertThat(s.parse(value)).as(key).isEqualTo(s.parse(expected.get(key)));
    });
  }

  /**
   * The settings the starter added last, given values other than their defaults, arrive in the runtime's
   * config itself: through the auto-configuration's own path (credentials resolved from the environment, Kafka
   * client properties passed through), read back with the config's accessors.
   */
  @Test
  void theApplicationsPipelinesBackfillAndKafkaSettingsReachTheRuntimesConfig() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("trackweave.api.version", "pipelines")
        .withProperty("trackweave.pipelines.api.key", "pk-from-yaml")
        .withProperty("trackweave.pipelines.update.only", "reject")
        .withProperty("trackweave.backfill", "true")
        .withProperty("trackweave.backfill-trigger-events[0]", "signed_up")
        .withProperty("trackweave.backfill-trigger-events[1]", "order_completed")
        .withProperty("trackweave.transport", "kafka")
        .withProperty("trackweave.kafka.bootstrap.servers", "broker-1:9092,broker-2:9092")
        .withProperty("trackweave.kafka.topic", "shop.calls")
        .withProperty("trackweave.kafka.properties.security.protocol", "SASL_SSL")
        .withProperty("trackweave.kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;");
    TrackweaveProperties properties = Binder.get(environment).bindOrCreate("trackweave", TrackweaveProperties.class);

    TrackweaveConfig config = TrackweaveAutoConfiguration.config(properties, environment, null);

    assertThat(config.apiVersion()).isEqualTo(ApiVersion.PIPELINES);
    assertThat(config.pipelinesApiKey()).isEqualTo("pk-from-yaml");
    assertThat(config.hasCredentials()).as(String.valueOf(config.missingCredentials())).isTrue();
    assertThat(config.pipelinesRejectUpdateOnly()).isTrue();
    assertThat(config.backfill()).isTrue();
    assertThat(config.backfillTriggerEvents()).containsExactlyInAnyOrder("signed_up", "order_completed");
    assertThat(config.transport()).isEqualTo(Transport.KAFKA);
    assertThat(config.kafkaProperties()).containsEntry("bootstrap.servers", "broker-1:9092,broker-2:9092");
    assertThat(config.kafkaTopic()).isEqualTo("shop.calls");
    assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;");
    assertThat(config.toString()).doesNotContain("pk-from-yaml");
  }

  /** The comma form binds as YAML's list does; the Pipelines key from Customer.io's variable when YAML has none. */
  @Test
  void triggerEventsBindFromOneCommaSeparatedValueAndThePipelinesKeyFromItsVariable() {
    MockEnvironment environment = new MockEnvironment().withProperty("trackweave.backfill-trigger-events", "a, b");
    environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("CUSTOMERIO_PIPELINES_API_KEY", "pk-from-env")));
    TrackweaveProperties properties = Binder.get(environment).bindOrCreate("trackweave", TrackweaveProperties.class);

    TrackweaveConfig config = TrackweaveAutoConfiguration.config(properties, environment, null);

    assertThat(config.backfillTriggerEvents()).containsExactlyInAnyOrder("a", "b");
    assertThat(config.pipelinesApiKey()).isEqualTo("pk-from-env");
  }

  /** A bad value names its Spring property; a Kafka setting given as a client property says where it goes. */
  @Test
  void badValuesNameTheirProperty() {
    MockEnvironment environment = new MockEnvironment().withProperty("trackweave.transport", "carrier-pigeon");
    TrackweaveProperties properties = Binder.get(environment).bindOrCreate("trackweave", TrackweaveProperties.class);
    assertThatThrownBy(() -> TrackweaveAutoConfiguration.config(properties, environment, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("trackweave.transport 'carrier-pigeon'");

    MockEnvironment topic = new MockEnvironment().withProperty("trackweave.kafka.properties.topic", "t");
    TrackweaveProperties withTopic = Binder.get(topic).bindOrCreate("trackweave", TrackweaveProperties.class);
    assertThatThrownBy(() -> TrackweaveAutoConfiguration.config(withTopic, topic, null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("set trackweave.kafka.topic instead");
  }

  /** Spring writes a Double default as {@code 100.0}; the setting's text is {@code 100}. */
  private static boolean sameNumber(String a, String b) {
    try {
      return b != null && new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The IDE metadata the configuration processor wrote (with the additional file merged), by property name. */
  private static Map<String, JsonNode> metadata() throws IOException {
    try (InputStream in = TrackweaveProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
      Map<String, JsonNode> byName = new HashMap<>();
      for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
        byName.put(p.get("name").asText(), p);
      }
      return byName;
    }
  }
}
