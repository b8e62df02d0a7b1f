package io.trackweave.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.kafka.KafkaBroker;
import io.trackweave.runtime.kafka.internal.RecordFormat;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * transport=kafka inside the agent: the unchanged agent jar, plus the agent extension
 * (kafka/target/trackweave-kafka-agent.jar) on the class path. Needs both jars built: in the full build the
 * reactor packages agent and kafka before relay; with {@code -pl relay -am} the agent is not built and this
 * test is skipped.
 */
class AgentKafkaIT {
  @TempDir Path dir;

  @Test
  void theAgentPublishesToKafkaWithTheExtensionOnTheClassPath() throws Exception {
    Path agent = Path.of("..", "agent", "target", "trackweave-agent.jar").toAbsolutePath().normalize();
    Path extension = Path.of("..", "kafka", "target", "trackweave-kafka-agent.jar").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(agent) && Files.isRegularFile(extension), "agent and extension jars not built");
    String annotations = null;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("annotations")) {
        annotations = entry;
      }
    }
    assertThat(annotations).as("trackweave-annotations on the test class path").isNotNull();
    try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 3)) {
      broker.createTopic("agent.ops", 3);
      String agentArgs = "transport=kafka,kafka.bootstrap.servers=" + broker.bootstrapServers()
          + ",kafka.topic=agent.ops,spool.dir=" + dir.resolve("spool") + ",jmx=false";
      String cp = String.join(File.pathSeparator, Path.of("target", "test-classes").toAbsolutePath().toString(),
          annotations, extension.toString());
      Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-javaagent:" + agent + "=" + agentArgs, "-cp", cp, AgentApp.class.getName(), "50")
          .redirectErrorStream(true).redirectOutput(dir.resolve("app.log").toFile()).start();
      assertThat(app.waitFor(90, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(dir.resolve("app.log"));
      assertThat(app.exitValue()).as(log).isZero();
      assertThat(log).contains("TRACKED 50").contains("publishes to Kafka topic agent.ops");

      List<Long> ns = new ArrayList<>();
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      p.put(ConsumerConfig.GROUP_ID_CONFIG, "agent-reader");
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of("agent.ops"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ns.size() < 50 && System.nanoTime() - deadline < 0) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("id:agent-1");
            Operation op = RecordFormat.decode(r.value(), null);
            ns.add(((Number) op.fields().get("n")).longValue());
          }
        }
      }
      assertThat(ns).as("50 records, in order").hasSize(50).isSorted();
    }
  }
}
