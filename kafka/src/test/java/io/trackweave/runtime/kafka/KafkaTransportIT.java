package io.trackweave.runtime.kafka;

import io.trackweave.runtime.kafka.internal.RecordFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.Transport;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** transport=kafka against a real KRaft broker: what the topic holds, and the spool while it cannot take calls. */
class KafkaTransportIT {
  @TempDir static Path dir;
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start(dir.resolve("broker"), 4);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private TrackweaveConfig.Builder config(String topic, Path spool) {
    return TrackweaveConfig.builder()
        .transport(Transport.KAFKA)
        .kafkaProperty("bootstrap.servers", broker.bootstrapServers())
        .kafkaProperty("max.block.ms", "1500")
        .kafkaTopic(topic)
        .spoolEnabled(true)
        .spoolDir(spool)
        .flushInterval(Duration.ofMillis(50))
        .jmx(false)
        .name(topic);
  }

  @Test
  void eachCallIsOneRecordKeyedByThePersonInCaptureOrder() throws Exception {
    broker.createTopic("ops", 4);
    int people = 25;
    int perPerson = 40;
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config("ops", dir.resolve("spool1")).build())) {
      assertThat(runtime.isEnabled()).isTrue();
      for (int i = 0; i < perPerson; i++) {
        for (int p = 0; p < people; p++) {
          runtime.track(Person.identified(IdentifierType.ID, "p" + p), "step",
              Fields.builder(1).put("n", i).build());
        }
      }
      runtime.identify(Person.identified(IdentifierType.EMAIL, "ada@example.com"),
          Fields.builder(1).put("plan", "pro").build());
      DeliveryReport report = runtime.flush(Duration.ofSeconds(30));
      assertThat(report.delivered()).isEqualTo(people * perPerson + 1);
      assertThat(report.pending()).isZero();
    }
    List<ConsumerRecord<byte[], byte[]>> records = readAll("ops", people * perPerson + 1);
    Map<String, List<Long>> seqByPerson = new HashMap<>();
    Map<String, Integer> partitionOf = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      Operation op = RecordFormat.decode(r.value(), null);
      String key = new String(r.key(), StandardCharsets.UTF_8);
      assertThat(ids.add(op.id())).as("one record per call").isTrue();
      assertThat(RecordFormat.header(r.headers(), RecordFormat.HEADER_EVENT_ID)).isEqualTo(op.id());
      assertThat(RecordFormat.header(r.headers(), RecordFormat.HEADER_VERSION)).isEqualTo("1");
      assertThat(r.timestamp()).isEqualTo(op.timestamp() * 1000);
      if (op.action() == Action.IDENTIFY) {
        assertThat(key).isEqualTo("email:ada@example.com");
        assertThat(op.fields().get("plan")).isEqualTo("pro");
        continue;
      }
      assertThat(key).isEqualTo("id:" + op.person().id());
      assertThat(partitionOf.computeIfAbsent(key, k -> r.partition())).as("one partition per person")
          .isEqualTo(r.partition());
      seqByPerson.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number) op.fields().get("n")).longValue());
    }
    assertThat(seqByPerson).hasSize(people);
    for (List<Long> seq : seqByPerson.values()) {
      assertThat(seq).as("a person's calls in capture order").isSorted().hasSize(perPerson);
    }
    assertThat(new HashSet<>(partitionOf.values())).as("people spread over the partitions").hasSizeGreaterThan(1);
  }

  @Test
  void whileTheTopicCannotTakeCallsTheSpoolHoldsThemAndPublishesThemLater() throws Exception {
    // the topic does not exist yet (auto-creation is off): every send times out and is given up to the spool
    String topic = "late";
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(topic, dir.resolve("spool2")).build())) {
      for (int i = 0; i < 200; i++) {
        runtime.track(Person.identified(IdentifierType.ID, "u" + (i % 7)), "tick", Fields.builder(1).put("n", i).build());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (runtime.metrics().spilled() < 200 && System.nanoTime() - deadline < 0) {
        Thread.sleep(50);
      }
      assertThat(runtime.metrics().spilled()).as("the calls went to the disk spool").isGreaterThanOrEqualTo(200);
      assertThat(runtime.metrics().delivered()).isZero();
      broker.createTopic(topic, 4);
      DeliveryReport report = runtime.flush(Duration.ofSeconds(60));
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (runtime.metrics().delivered() < 200 && System.nanoTime() - deadline < 0) {
        Thread.sleep(100);
        report = runtime.flush(Duration.ofSeconds(5));
      }
      assertThat(runtime.metrics().delivered()).isEqualTo(200);
      assertThat(report.dropped()).isZero();
    }
    List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 200);
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      ids.add(RecordFormat.decode(r.value(), null).id());
    }
    assertThat(ids).hasSize(200);
  }

  @Test
  void withoutBootstrapServersTheRuntimeSaysSoAndDropsCalls() {
    TrackweaveConfig c = TrackweaveConfig.builder().transport(Transport.KAFKA).jmx(false).build();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(c)) {
      assertThat(runtime.isEnabled()).isFalse();
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < expected && System.nanoTime() - deadline < 0) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // nothing more than expected arrives
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    assertThat(out).hasSize(expected);
    return out;
  }
}
