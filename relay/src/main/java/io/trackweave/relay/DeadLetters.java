package io.trackweave.relay;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter topic: operations Customer.io refused for good, and records the relay cannot read
 * (damaged, or written by a newer encoding version). Each keeps the original key, value and headers, and
 * gains {@value #REASON} (Customer.io's reason, or {@code undecodable} / {@code newer_encoding_version}),
 * {@value #MESSAGE} (the explanation) and {@value #SOURCE} ({@code topic-partition@offset}). Thread-safe.
 */
final class DeadLetters {
  static final String REASON = "trackweave.dead.letter.reason";
  static final String MESSAGE = "trackweave.dead.letter.message";
  static final String SOURCE = "trackweave.dead.letter.source";

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  DeadLetters(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /**
   * Writes {@code record} to the dead-letter topic and waits for Kafka's acknowledgement; true when it is
   * there (only then may the original's offset be committed).
   */
  boolean send(ConsumerRecord<byte[], byte[]> record, String reason, String message) {
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      headers.add(h);
    }
    headers.add(REASON, utf8(reason));
    headers.add(MESSAGE, utf8(message == null ? "" : message));
    headers.add(SOURCE, utf8(record.topic() + "-" + record.partition() + "@" + record.offset()));
    try {
      producer.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers))
          .get(30, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    }
  }

  String topic() {
    return topic;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
