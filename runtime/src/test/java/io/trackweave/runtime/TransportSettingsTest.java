package io.trackweave.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.runtime.internal.config.TransportSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {
  @Test
  void httpAndTheDefaultTopicUnlessSaidOtherwise() {
    TransportSettings t = TrackweaveConfig.builder().build().transportSettings();
    assertThat(t.transport()).isEqualTo(Transport.HTTP);
    assertThat(t.kafkaTopic()).isEqualTo("trackweave.operations");
    assertThat(t.relayGroup()).isEqualTo("trackweave-relay");
    assertThat(t.relayDeadLetterTopic()).isEqualTo("trackweave.operations.dead-letter");
  }

  @Test
  void everyKafkaClientPropertyHasTheSettingsThreeNames() {
    TrackweaveConfig c = TrackweaveConfig.builder()
        .set("TRACKWEAVE_TRANSPORT", "kafka")
        .set("kafka.bootstrap.servers", "b1:9092,b2:9092")
        .set("trackweave.kafka.topic", "shop.ops")
        .set("relay.group", "shop-relays")
        .set("TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC", "shop.dead")
        .build();
    assertThat(c.transport()).isEqualTo(Transport.KAFKA);
    assertThat(c.transportSettings().bootstrapServers()).isEqualTo("b1:9092,b2:9092");
    assertThat(c.transportSettings().kafkaTopic()).isEqualTo("shop.ops");
    assertThat(c.transportSettings().relayGroup()).isEqualTo("shop-relays");
    assertThat(c.transportSettings().relayDeadLetterTopic()).isEqualTo("shop.dead");

    assertThat(TransportSettings.kafkaProperty("TRACKWEAVE_KAFKA_SECURITY_PROTOCOL")).isEqualTo("security.protocol");
    assertThat(TransportSettings.kafkaProperty("trackweave.kafka.sasl.mechanism")).isEqualTo("sasl.mechanism");
    assertThat(TransportSettings.kafkaProperty("kafka.linger.ms")).isEqualTo("linger.ms");
    assertThat(TransportSettings.kafkaProperty("kafka.topic")).as("a setting of its own").isNull();
    assertThat(TransportSettings.kafkaProperty("spool.dir")).isNull();
  }

  @Test
  void clientPropertiesFromTheEnvironmentPropertiesAndOverridesLaterWinning() {
    TrackweaveConfig c = TrackweaveConfig.load(
        Map.of("TRACKWEAVE_KAFKA_SECURITY_PROTOCOL", "SSL", "TRACKWEAVE_KAFKA_LINGER_MS", "20",
            "TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS", "env:9092"),
        Map.of("trackweave.kafka.linger.ms", "30", "trackweave.kafka.acks", "1"),
        Map.of("kafka.acks", "0"));
    assertThat(c.transportSettings().kafkaProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "security.protocol", "SSL", "linger.ms", "30", "acks", "0", "bootstrap.servers", "env:9092"));
    assertThat(c.problems()).as("kafka.* overrides are not unknown settings").isEmpty();
  }

  @Test
  void badValuesAreClearErrors() {
    assertThatThrownBy(() -> TrackweaveConfig.builder().set("transport", "carrier-pigeon"))
        .hasMessageContaining("use http or kafka");
    assertThatThrownBy(() -> TrackweaveConfig.builder().kafkaTopic("no spaces"))
        .hasMessageContaining("kafka.topic 'no spaces' is not a valid Kafka name");
    TrackweaveConfig c = TrackweaveConfig.load(Map.of("TRACKWEAVE_TRANSPORT", "smoke"), Map.of(), Map.of());
    assertThat(c.transport()).isEqualTo(Transport.HTTP);
    assertThat(c.problems()).anyMatch(p -> p.contains("TRACKWEAVE_TRANSPORT") && p.contains("use http or kafka"));
  }
}
