package io.trackweave.runtime.kafka;

import io.trackweave.runtime.TrackweaveConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka client properties Trackweave uses: its defaults, then the user's {@code kafka.*} settings. */
public final class KafkaClients {
  private KafkaClients() {}

  /**
   * The producer's properties: idempotent, {@code acks=all}, bounded waits (a sender thread blocks at
   * most {@code max.block.ms} for metadata and gives a batch up after {@code delivery.timeout.ms}, so the
   * spool takes over while Kafka is down), lz4. The user's {@code kafka.*} properties win, except that
   * idempotence and {@code acks=all} are not negotiable: without them a retry could reorder or lose.
   */
  public static Map<String, Object> producer(TrackweaveConfig config, String clientId) {
    return producer(config.kafkaProperties(), clientId);
  }

  /**
   * As {@link #producer(TrackweaveConfig, String)}, from the {@code kafka.*} properties alone (named without the
   * prefix, as {@link TrackweaveConfig#kafkaProperties()} gives them).
   */
  public static Map<String, Object> producer(Map<String, String> kafkaProperties, String clientId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.putAll(kafkaProperties);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        Math.min(5, intOf(p.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 5)));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /** The user's {@code kafka.*} properties alone (the relay adds its consumer's on top). */
  public static Map<String, Object> common(TrackweaveConfig config) {
    return new HashMap<>(config.kafkaProperties());
  }

  private static int intOf(Object v, int otherwise) {
    try {
      return v == null ? otherwise : Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
