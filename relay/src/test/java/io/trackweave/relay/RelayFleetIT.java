package io.trackweave.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.kafka.KafkaBroker;
import io.trackweave.runtime.kafka.internal.RecordFormat;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.Limits;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PersonView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet end to end: producing JVMs with transport=kafka, a real KRaft broker in its own JVM, relays as
 * child JVMs (the shaded jar), and the project's Track API emulator, asserted by exact counts by event id.
 */
class RelayFleetIT {
  static final int PARTITIONS = 6;
  @TempDir static Path dir;
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.start(dir.resolve("broker"), PARTITIONS);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static String[] topics(String name) {
    String[] t = {name, name + ".dead-letter"};
    broker.createTopic(t[0], PARTITIONS);
    broker.createTopic(t[1], 1);
    return t;
  }

  private static Map<String, String> relayEnv(TrackApiEmulator emulator, String endpoint, String[] topics,
      double rate, int batch) {
    Map<String, String> env = new HashMap<>();
    env.put("CUSTOMERIO_SITE_ID", emulator == null ? TrackApiEmulator.DEFAULT_SITE_ID : emulator.siteId());
    env.put("CUSTOMERIO_API_KEY", emulator == null ? TrackApiEmulator.DEFAULT_API_KEY : emulator.apiKey());
    env.put("TRACKWEAVE_ENDPOINT", endpoint);
    env.put("TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("TRACKWEAVE_KAFKA_TOPIC", topics[0]);
    env.put("TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC", topics[1]);
    env.put("TRACKWEAVE_RELAY_GROUP", "relays-" + topics[0]);
    env.put("TRACKWEAVE_RATE_LIMIT", String.valueOf(rate));
    env.put("TRACKWEAVE_BATCH_MAX_OPERATIONS", String.valueOf(batch));
    env.put("TRACKWEAVE_FLUSH_INTERVAL", "100ms");
    env.put("TRACKWEAVE_RETRY_INITIAL_BACKOFF", "200ms");
    env.put("TRACKWEAVE_RETRY_MAX_BACKOFF", "1s");
    env.put("TRACKWEAVE_GZIP", "false");
    // a killed relay's partitions move after 6 s (the broker's minimum), not the default 45
    env.put("TRACKWEAVE_KAFKA_SESSION_TIMEOUT_MS", "6000");
    env.put("TRACKWEAVE_KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
    return env;
  }

  private static Child producer(String name, String topic, int people, int events, long spreadMillis, int bigEvery)
      throws Exception {
    return Child.producer(name, dir, List.of(name, String.valueOf(people), String.valueOf(events),
        broker.bootstrapServers(), topic, dir.resolve("spool-" + name).toString(), String.valueOf(spreadMillis),
        String.valueOf(bigEvery)));
  }

  private static void await(String what, Duration timeout, BooleanSupplier done, Child... children)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        StringBuilder logs = new StringBuilder();
        for (Child c : children) {
          String out = c.output();
          logs.append("\n--- ").append(c.name).append(" ---\n")
              .append(out, Math.max(0, out.length() - 4000), out.length());
        }
        throw new AssertionError("timed out waiting for " + what + logs);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Every producer's every person got their identify and exactly events 0..events-1, each once, in order;
   * the emulator holds nothing else.
   */
  private static void assertExactlyOnceInOrder(TrackApiEmulator emulator, List<String> producers, int people,
      int events) {
    Set<String> ids = new HashSet<>();
    for (String producer : producers) {
      for (int p = 0; p < people; p++) {
        String id = producer + "-" + p;
        Optional<PersonView> person = emulator.person(id);
        assertThat(person).as(id).isPresent();
        List<Long> ns = new ArrayList<>();
        for (EventView e : person.get().events()) {
          ns.add(e.properties().path("n").asLong());
          assertThat(ids.add(e.id())).as("event id %s once", e.id()).isTrue();
        }
        List<Long> expected = new ArrayList<>();
        for (long n = 0; n < events; n++) {
          expected.add(n);
        }
        assertThat(ns).as("%s's events, in arrival order", id).isEqualTo(expected);
      }
    }
    assertThat(emulator.events()).hasSize(producers.size() * people * events);
  }

  @Test
  void threeProducersTwoRelaysAndOneRelayKilledMidStream() throws Exception {
    String[] topics = topics("fleet");
    int people = 12;
    int events = 60;
    try (TrackApiEmulator emulator = TrackApiEmulator.builder().maxEvents(1_000_000).maxCalls(100_000).start()) {
      Map<String, String> env = relayEnv(emulator, emulator.endpoint(), topics, 200, 50);
      Child a = Child.relay("fleet-relay-a", dir, env);
      Child b = Child.relay("fleet-relay-b", dir, env);
      try (a; b) {
        List<Child> producers = new ArrayList<>();
        for (String name : List.of("checkout", "billing", "subscriptions")) {
          producers.add(producer(name, topics[0], people, events, 6000, 0));
        }
        int total = 3 * people * events;
        await("a third of the events at the emulator", Duration.ofSeconds(90),
            () -> emulator.events().size() >= total / 3, a, b);
        a.kill(); // kill -9, mid-stream: its uncommitted records go to relay b after the session timeout
        for (Child p : producers) {
          assertThat(p.await(120)).as(p.output()).isZero();
        }
        await("every event at the emulator", Duration.ofSeconds(120),
            () -> emulator.events().size() >= total, a, b);
        Thread.sleep(1000); // nothing more (doubled) arrives
        assertExactlyOnceInOrder(emulator, List.of("checkout", "billing", "subscriptions"), people, events);
        assertThat(emulator.counts().people()).isEqualTo(3 * people);
        assertThat(b.process.isAlive()).isTrue();
      }
      System.out.println("kill -9 of a relay: events=" + emulator.events().size() + " redelivered-and-deduplicated="
          + emulator.counts().deduplicated());
    }
  }

  @Test
  void customerIoDownForAWhileThenBack() throws Exception {
    String[] topics = topics("outage");
    int people = 10;
    int events = 40;
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    // the relays start while nothing answers at the endpoint (connection refused)
    Map<String, String> env = relayEnv(null, endpoint, topics, 100, 100);
    Child a = Child.relay("outage-relay-a", dir, env);
    Child b = Child.relay("outage-relay-b", dir, env);
    try (a; b) {
      Child p = producer("outage", topics[0], people, events, 500, 0);
      assertThat(p.await(120)).as(p.output()).isZero();
      Thread.sleep(4000); // down for a while: the relays rewind and pause their partitions
      try (TrackApiEmulator emulator =
          TrackApiEmulator.builder().port(port).maxEvents(1_000_000).maxCalls(100_000).start()) {
        await("every event after Customer.io is back", Duration.ofSeconds(90),
            () -> emulator.events().size() >= people * events, a, b);
        Thread.sleep(1000);
        assertExactlyOnceInOrder(emulator, List.of("outage"), people, events);
        assertThat(emulator.counts().deduplicated()).as("nothing sent twice once it answered").isZero();
      }
    }
    assertThat(a.lastStatus("rewinds") + b.lastStatus("rewinds")).as("partitions rewound and paused")
        .isPositive();
  }

  @Test
  void aStormOf429sAndTheFleetBudgetHolds() throws Exception {
    String[] topics = topics("storm");
    double budget = 8; // requests/s for the whole workspace, split over the two relays
    int people = 12;
    int events = 25;
    try (TrackApiEmulator emulator = TrackApiEmulator.builder().maxEvents(1_000_000).maxCalls(100_000).start()) {
      emulator.faults().failNext(12, 429, Duration.ofSeconds(1));
      Map<String, String> env = relayEnv(emulator, emulator.endpoint(), topics, budget, 10);
      Child a = Child.relay("storm-relay-a", dir, env);
      Child b = Child.relay("storm-relay-b", dir, env);
      try (a; b) {
        Child p = producer("storm", topics[0], people, events, 0, 0);
        assertThat(p.await(120)).as(p.output()).isZero();
        await("every event through the storm", Duration.ofSeconds(150),
            () -> emulator.events().size() >= people * events, a, b);
        Thread.sleep(500);
        assertExactlyOnceInOrder(emulator, List.of("storm"), people, events);
        assertThat(emulator.faults().injected()).isEqualTo(12);
      }
      List<Instant> at = new ArrayList<>();
      for (CallRecord c : emulator.calls()) {
        if (c.path().startsWith("/api/")) {
          at.add(c.receivedAt());
        }
      }
      // the most requests any 3-second window saw: the budget's 3 seconds, plus the buckets' one-second burst
      int most = 0;
      for (int i = 0; i < at.size(); i++) {
        int j = i;
        while (j < at.size() && Duration.between(at.get(i), at.get(j)).toMillis() < 3000) {
          j++;
        }
        most = Math.max(most, j - i);
      }
      double seconds = Duration.between(at.get(0), at.get(at.size() - 1)).toMillis() / 1000.0;
      System.out.printf("429 storm: %d requests in %.1f s (%.2f/s overall), at most %d in any 3 s; budget %.0f/s%n",
          at.size(), seconds, at.size() / seconds, most, budget);
      assertThat(at.size()).as("requests").isGreaterThanOrEqualTo(people * (events + 1) / 10);
      assertThat(most).as("requests in any 3 s window").isLessThanOrEqualTo((int) (budget * 3 + budget + 2));
      assertThat((at.size() - 2 * budget) / seconds).as("requests/s overall").isLessThanOrEqualTo(budget * 1.05);
    }
  }

  @Test
  void refusedItemsAndUnreadableRecordsGoToTheDeadLetterTopic() throws Exception {
    String[] topics = topics("refusals");
    int people = 5;
    int events = 20;
    // a workspace stricter than Trackweave: operations over 2 KB are refused per item (207)
    try (TrackApiEmulator emulator = TrackApiEmulator.builder().limits(new Limits(2048, 500 * 1024))
        .maxEvents(1_000_000).start()) {
      Map<String, String> env = relayEnv(emulator, emulator.endpoint(), topics, 100, 25);
      Child a = Child.relay("refusals-relay-a", dir, env);
      Child b = Child.relay("refusals-relay-b", dir, env);
      try (a; b) {
        // every 10th event carries a 3 KB property: 10 of the 100 events
        Child p = producer("refusals", topics[0], people, events, 0, 10);
        assertThat(p.await(120)).as(p.output()).isZero();
        try (KafkaProducer<byte[], byte[]> raw =
            new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
          // version 1 by its first byte, then an action code no release has
          raw.send(new ProducerRecord<>(topics[0], "id:garbage".getBytes(StandardCharsets.UTF_8),
              new byte[] {1, (byte) 0xEE, 0, 0})).get();
          ProducerRecord<byte[], byte[]> future = new ProducerRecord<>(topics[0],
              "id:future".getBytes(StandardCharsets.UTF_8), new byte[] {9, 1, 2, 3});
          future.headers().add(RecordFormat.HEADER_VERSION, "9".getBytes(StandardCharsets.UTF_8));
          raw.send(future).get();
        }
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(topics[1], 12, Duration.ofSeconds(90));
        Map<String, Integer> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
          reasons.merge(RecordFormat.header(r.headers(), DeadLetters.REASON), 1, Integer::sum);
          assertThat(RecordFormat.header(r.headers(), DeadLetters.MESSAGE)).isNotBlank();
        }
        assertThat(reasons).isEqualTo(Map.of("too_large", 10, "undecodable", 1, "newer_encoding_version", 1));
        await("the accepted events", Duration.ofSeconds(60),
            () -> emulator.events().size() >= people * events - 10, a, b);
        Thread.sleep(500);
        assertThat(emulator.events()).hasSize(people * events - 10);
        assertThat(a.process.isAlive() && b.process.isAlive()).as("no relay crashed").isTrue();
      }
    }
  }

  @Test
  void wrongCredentialsDeadLetterNothingAndLoseNothing() throws Exception {
    String[] topics = topics("credentials");
    try (TrackApiEmulator emulator = TrackApiEmulator.builder().maxEvents(1_000_000).maxCalls(100_000).start()) {
      Map<String, String> env = relayEnv(emulator, emulator.endpoint(), topics, 100, 50);
      env.put("CUSTOMERIO_API_KEY", "not-the-key");
      Child p = producer("credentials", topics[0], 4, 5, 0, 0);
      assertThat(p.await(120)).as(p.output()).isZero();
      try (Child wrong = Child.relay("credentials-relay-wrong", dir, env)) {
        await("401 answers", Duration.ofSeconds(60),
            () -> emulator.calls().stream().filter(c -> c.status() == 401).count() >= 3, wrong);
      }
      env.put("CUSTOMERIO_API_KEY", emulator.apiKey());
      try (Child right = Child.relay("credentials-relay-right", dir, env)) {
        await("every event once the key is right", Duration.ofSeconds(60),
            () -> emulator.events().size() >= 4 * 5, right);
        Thread.sleep(500);
        assertExactlyOnceInOrder(emulator, List.of("credentials"), 4, 5);
      }
      assertThat(records(topics[1])).as("nothing dead-lettered").isZero();
      assertThat(records(topics[0])).as("the events, identifies included").isEqualTo(4 * 6);
    }
  }

  @Test
  void aMissingTopicOrAnUnreachableBrokerIsAClearErrorAtStart() throws Exception {
    Map<String, String> env = relayEnv(null, "http://127.0.0.1:9", new String[] {"absent", "absent.dead-letter"}, 10, 10);
    Child missing = Child.relay("missing-topic", dir, env);
    assertThat(missing.await(60)).isEqualTo(RelayMain.BAD_CONFIGURATION);
    assertThat(missing.output()).contains("topic absent does not exist", "TRACKWEAVE_KAFKA_TOPIC");

    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    env.put("TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed);
    Child unreachable = Child.relay("unreachable", dir, env);
    assertThat(unreachable.await(60)).isEqualTo(RelayMain.BAD_CONFIGURATION);
    assertThat(unreachable.output()).contains("Kafka at 127.0.0.1:" + closed + " is unreachable");
  }

  /** Records a topic holds: the sum of its partitions' end offsets. */
  private static long records(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<org.apache.kafka.common.TopicPartition> parts = new ArrayList<>();
      consumer.partitionsFor(topic).forEach(i -> parts.add(new org.apache.kafka.common.TopicPartition(topic, i.partition())));
      return consumer.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() - deadline < 0) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    assertThat(out).hasSize(expected);
    return out;
  }
}
