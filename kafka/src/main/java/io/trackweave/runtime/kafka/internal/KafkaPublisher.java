package io.trackweave.runtime.kafka.internal;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.operation.Rejection;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.send.BatchDelivery;
import io.trackweave.runtime.internal.send.Reachability;
import io.trackweave.runtime.internal.send.Surrender;
import io.trackweave.runtime.internal.spool.OperationCodec;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * A sender thread's delivery for {@code transport=kafka}: publishes each operation of a batch as one
 * record ({@link RecordFormat}) and waits for Kafka's acknowledgements, then settles each operation
 * exactly once: acknowledged (counted delivered: from here the relay owns it), too large for the topic
 * (rejected), or anything else (Kafka unreachable, topic missing, not authorised, timed out) given up
 * through the same path as an HTTP failure, so the disk spool keeps it and replays it later.
 */
final class KafkaPublisher implements BatchDelivery {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  private static final Object ACKED = new Object();
  private static final Object ABANDONED = new Object();

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final Ledger ledger;
  private final OperationQueue queue;
  private final Surrender surrender;
  private final Reachability reachability;
  private final OperationCodec codec = new OperationCodec();

  KafkaPublisher(Producer<byte[], byte[]> producer, String topic, Ledger ledger, OperationQueue queue,
      Surrender surrender, Reachability reachability) {
    this.producer = producer;
    this.topic = topic;
    this.ledger = ledger;
    this.queue = queue;
    this.surrender = surrender;
    this.reachability = reachability;
  }

  @Override
  public void deliver(List<Operation> ops) {
    int n = ops.size();
    long start = System.nanoTime();
    // per operation: null (waiting), ACKED, ABANDONED, or the exception; whoever sets it first decides
    AtomicReferenceArray<Object> outcome = new AtomicReferenceArray<>(n);
    CountDownLatch answered = new CountDownLatch(n);
    Exception failedToSend = null;
    for (int i = 0; i < n; i++) {
      int index = i;
      if (failedToSend != null) {
        // the rest of the batch is not sent after its predecessor failed: a person's later call must not
        // reach the topic before an earlier one (the spool replays them in order)
        if (outcome.compareAndSet(i, null, failedToSend)) {
          answered.countDown();
        }
        continue;
      }
      ProducerRecord<byte[], byte[]> record;
      try {
        record = RecordFormat.record(topic, ops.get(i), codec);
      } catch (RuntimeException e) {
        outcome.set(i, Rejection.ENCODING_FAILED);
        answered.countDown();
        continue;
      }
      try {
        Future<RecordMetadata> sent = producer.send(record, (metadata, e) -> {
          if (outcome.compareAndSet(index, null, e == null ? ACKED : e)) {
            answered.countDown();
          }
        });
        if (sent.isDone()) {
          // failed before it left: no metadata within max.block.ms (Kafka unreachable, topic missing)
          sent.get();
        }
      } catch (ExecutionException e) {
        failedToSend = e.getCause() instanceof Exception cause ? cause : e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failedToSend = e;
      } catch (RuntimeException e) {
        // the producer refused it outright (closed, or a client error)
        failedToSend = e;
        if (outcome.compareAndSet(i, null, e)) {
          answered.countDown();
        }
      }
    }
    try {
      answered.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: what Kafka has not acknowledged yet is given up
    }
    settle(ops, outcome, start);
  }

  private void settle(List<Operation> ops, AtomicReferenceArray<Object> outcome, long start) {
    List<Operation> givenUp = new ArrayList<>();
    String cause = null;
    int acked = 0;
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      outcome.compareAndSet(i, null, ABANDONED);
      Object o = outcome.get(i);
      if (o == ACKED) {
        queue.release(op);
        acked++;
      } else if (o == Rejection.ENCODING_FAILED) {
        queue.release(op);
        ledger.rejected(op, Rejection.ENCODING_FAILED.reason(), Rejection.ENCODING_FAILED.message());
      } else if (o instanceof RecordTooLargeException e) {
        queue.release(op);
        ledger.rejected(op, Rejection.OPERATION_TOO_LARGE.reason(),
            "larger than the topic or producer allows (max.request.size, max.message.bytes): " + e.getMessage());
      } else {
        givenUp.add(op);
        if (cause == null && o instanceof Exception e) {
          cause = e.toString();
        }
      }
    }
    ledger.request(System.nanoTime() - start);
    if (acked > 0) {
      ledger.delivered(acked);
      if (reachability.answered()) {
        LOG.log(Level.INFO, "Trackweave: Kafka takes calls again (topic " + topic + ")");
      }
    }
    if (!givenUp.isEmpty()) {
      boolean closing = Thread.currentThread().isInterrupted() && cause == null;
      if (!closing) {
        ledger.retried(givenUp.size(), cause);
        if (reachability.failed()) {
          LOG.log(Level.WARNING, "Trackweave: Kafka does not take calls for topic {0} ({1}); they go to the disk"
              + " spool (when it is on) and are published from there once it does. Check kafka.bootstrap.servers,"
              + " that the topic exists, and the client''s credentials", topic, cause);
        }
      }
      surrender.giveUp(givenUp, closing ? "shutdown" : "unreachable");
    }
  }
}
