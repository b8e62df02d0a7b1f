package io.trackweave.runtime.kafka.internal;

import io.trackweave.runtime.Transport;
import io.trackweave.runtime.kafka.KafkaClients;
import io.trackweave.runtime.internal.config.TransportSettings;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.send.BatchDelivery;
import io.trackweave.runtime.internal.send.Reachability;
import io.trackweave.runtime.internal.send.Surrender;
import io.trackweave.runtime.internal.send.TransportFactory;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * {@code transport=kafka}: one idempotent producer per runtime, shared by its sender threads. Found by the
 * runtime through {@link java.util.ServiceLoader}; applications never call it.
 */
public final class KafkaTransportFactory implements TransportFactory {
  @Override
  public Transport transport() {
    return Transport.KAFKA;
  }

  @Override
  public Open open(TransportSettings settings, String runtimeName) {
    String clientId = "trackweave-" + runtimeName;
    Producer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaClients.producer(settings.kafkaProperties(), clientId));
    String topic = settings.kafkaTopic();
    return new Open() {
      @Override
      public BatchDelivery delivery(Ledger ledger, OperationQueue queue, Surrender surrender, Reachability reachability) {
        return new KafkaPublisher(producer, topic, ledger, queue, surrender, reachability);
      }

      @Override
      public void close() {
        // what is still unacknowledged was already given up by the senders (to the spool)
        producer.close(Duration.ofMillis(500));
      }
    };
  }
}
