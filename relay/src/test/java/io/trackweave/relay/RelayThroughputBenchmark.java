package io.trackweave.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.kafka.KafkaBroker;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.CallRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events/s through producer -> Kafka -> relay(s) -> emulator on this machine (docs/benchmarks.md, "Relay").
 * Not part of the build (its name matches neither *Test nor *IT): benchmarks/relay.sh runs it.
 *
 * <p>Per run: a producing JVM (transport=kafka) publishes {@code EVENTS} events as fast as it can, measured
 * from its first call until Kafka acknowledged the last; then N relays start and drain the topic into the
 * emulator, measured from the emulator's first request to its last (so the relays' JVM start and group
 * join are not counted). Each run uses its own topic of 12 partitions.
 */
class RelayThroughputBenchmark {
  static final int EVENTS = Integer.getInteger("bench.events", 200_000);
  static final int PEOPLE = 1000;

  @Test
  void eventsPerSecond() throws Exception {
    Path dir = Files.createTempDirectory("trackweave-relay-bench");
    StringBuilder report = new StringBuilder();
    try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 12)) {
      for (int relays : new int[] {1, 2}) {
        String topic = "bench-" + relays;
        broker.createTopic(topic, 12);
        broker.createTopic(topic + ".dead-letter", 1);
        try (TrackApiEmulator emulator =
            TrackApiEmulator.builder().maxEvents(EVENTS + 10).maxCalls(100_000).start()) {
          long start = System.nanoTime();
          Child producer = Child.producer("bench-producer-" + relays, dir, List.of("bench", String.valueOf(PEOPLE),
              String.valueOf(EVENTS / PEOPLE - 1), broker.bootstrapServers(), topic, dir.resolve("spool-" + relays).toString(),
              "0"));
          assertThat(producer.await(600)).as(producer.output()).isZero();
          double produceSeconds = (System.nanoTime() - start) / 1e9;
          Map<String, String> env = new HashMap<>();
          env.put("CUSTOMERIO_SITE_ID", emulator.siteId());
          env.put("CUSTOMERIO_API_KEY", emulator.apiKey());
          env.put("TRACKWEAVE_ENDPOINT", emulator.endpoint());
          env.put("TRACKWEAVE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
          env.put("TRACKWEAVE_KAFKA_TOPIC", topic);
          env.put("TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC", topic + ".dead-letter");
          env.put("TRACKWEAVE_RELAY_GROUP", "bench-" + relays);
          env.put("TRACKWEAVE_RATE_LIMIT", "1000");
          List<Child> children = new ArrayList<>();
          for (int i = 0; i < relays; i++) {
            children.add(Child.relay("bench-relay-" + relays + "-" + i, dir, env));
          }
          long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
          // EVENTS operations: an identify and (EVENTS / PEOPLE - 1) events for each person
          while (emulator.counts().operations() < EVENTS && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
          }
          for (Child c : children) {
            c.close();
          }
          assertThat(emulator.counts().operations()).isEqualTo(EVENTS);
          List<CallRecord> calls = emulator.calls();
          Instant first = calls.get(0).receivedAt();
          Instant last = calls.get(calls.size() - 1).receivedAt();
          double relaySeconds = Duration.between(first, last).toMillis() / 1000.0;
          report.append(String.format(java.util.Locale.ROOT,
              "| %d | %,d | %.1f s (%,.0f events/s) | %.1f s (%,.0f events/s) | %,d |%n", relays, EVENTS,
              produceSeconds, EVENTS / produceSeconds, relaySeconds, EVENTS / relaySeconds, calls.size()));
        }
      }
    }
    System.out.println("RELAY BENCHMARK\n| relays | operations | producer -> Kafka (incl. JVM start) | Kafka -> relays -> emulator"
        + " | requests |\n| --- | --- | --- | --- | --- |\n" + report);
  }
}
