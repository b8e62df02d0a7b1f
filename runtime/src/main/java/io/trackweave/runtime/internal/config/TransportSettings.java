package io.trackweave.runtime.internal.config;

import io.trackweave.runtime.Transport;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The transport's settings, immutable: {@code transport}, the Kafka client's properties (every setting
 * under {@code kafka.}, prefix removed, e.g. {@code bootstrap.servers}, {@code security.protocol}), the
 * topic, and the relay's consumer group and dead-letter topic. One value so the config carries them as one.
 */
public record TransportSettings(
    Transport transport, Map<String, String> kafkaProperties, String kafkaTopic, String relayGroup,
    String relayDeadLetterTopic) {
  public static final String DEFAULT_TOPIC = "trackweave.operations";
  public static final String DEFAULT_GROUP = "trackweave-relay";
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "trackweave.operations.dead-letter";
  public static final TransportSettings DEFAULT =
      new TransportSettings(Transport.HTTP, Map.of(), DEFAULT_TOPIC, DEFAULT_GROUP, DEFAULT_DEAD_LETTER_TOPIC);

  private static final String KEY_PREFIX = "kafka.";
  private static final String PROPERTY_PREFIX = "trackweave.kafka.";
  private static final String ENV_PREFIX = "TRACKWEAVE_KAFKA_";

  public TransportSettings {
    Objects.requireNonNull(transport, "transport");
    kafkaProperties = Collections.unmodifiableMap(new TreeMap<>(kafkaProperties));
    kafkaTopic = requireName(kafkaTopic, "kafka.topic");
    relayGroup = requireName(relayGroup, "relay.group");
    relayDeadLetterTopic = requireName(relayDeadLetterTopic, "relay.dead.letter.topic");
  }

  /** {@code kafka.bootstrap.servers}, or null. */
  public String bootstrapServers() {
    return kafkaProperties.get("bootstrap.servers");
  }

  public TransportSettings withTransport(Transport t) {
    return new TransportSettings(t, kafkaProperties, kafkaTopic, relayGroup, relayDeadLetterTopic);
  }

  /** With one more Kafka client property ({@code name} without the {@code kafka.} prefix). */
  public TransportSettings withKafkaProperty(String name, String value) {
    TreeMap<String, String> p = new TreeMap<>(kafkaProperties);
    if (value == null || value.isBlank()) {
      p.remove(name);
    } else {
      p.put(name, value.trim());
    }
    return new TransportSettings(transport, p, kafkaTopic, relayGroup, relayDeadLetterTopic);
  }

  public TransportSettings withKafkaTopic(String topic) {
    return new TransportSettings(transport, kafkaProperties, topic, relayGroup, relayDeadLetterTopic);
  }

  public TransportSettings withRelayGroup(String group) {
    return new TransportSettings(transport, kafkaProperties, kafkaTopic, group, relayDeadLetterTopic);
  }

  public TransportSettings withRelayDeadLetterTopic(String topic) {
    return new TransportSettings(transport, kafkaProperties, kafkaTopic, relayGroup, topic);
  }

  /**
   * The Kafka client property a setting name carries, or null when it is not one: {@code
   * kafka.security.protocol}, {@code trackweave.kafka.security.protocol} and {@code
   * TRACKWEAVE_KAFKA_SECURITY_PROTOCOL} all name {@code security.protocol}. The topic is a setting of
   * its own ({@code kafka.topic}), not a client property.
   */
  public static String kafkaProperty(String settingName) {
    String n = settingName.trim();
    String p;
    if (n.startsWith(PROPERTY_PREFIX)) {
      p = n.substring(PROPERTY_PREFIX.length());
    } else if (n.startsWith(KEY_PREFIX)) {
      p = n.substring(KEY_PREFIX.length());
    } else if (n.startsWith(ENV_PREFIX)) {
      p = n.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    } else {
      return null;
    }
    return p.isEmpty() || p.equals("topic") ? null : p;
  }

  static String requireName(String name, String setting) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(setting + " must not be blank");
    }
    String n = name.trim();
    if (!n.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException(setting + " '" + n + "' is not a valid Kafka name (letters, digits, . _ -)");
    }
    return n;
  }
}
