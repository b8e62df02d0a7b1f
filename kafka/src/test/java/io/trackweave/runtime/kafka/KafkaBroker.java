package io.trackweave.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker for tests: KRaft, broker and controller in one process, in a child JVM
 * of its own (started from the kafka_2.13 jars Maven resolved onto the test class path), listening on
 * 127.0.0.1 at free ports. {@link #start} formats the log directory ({@code kafka.tools.StorageTool
 * format}), starts {@code kafka.Kafka server.properties}, and returns once the broker answers an admin
 * client; {@link #close} kills it. Its output goes to {@code broker.log} in the directory given.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final String bootstrapServers;
  private final Path dir;

  private KafkaBroker(Process process, String bootstrapServers, Path dir) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
    this.dir = dir;
  }

  /** Starts a broker whose data lives in {@code dir}; topics it creates by default get {@code partitions}. */
  public static KafkaBroker start(Path dir, int partitions) throws IOException, InterruptedException {
    return start(dir, partitions, System.getProperty("java.class.path"));
  }

  /**
   * As {@link #start(Path, int)}, with the broker's JVM on {@code classPath} (the kafka_2.13 jars and their
   * dependencies): for a caller whose own class path does not hold the broker, such as the benchmarks' JMH
   * jar.
   */
  public static KafkaBroker start(Path dir, int partitions, String classPath) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int brokerPort = freePort();
    int controllerPort = freePort();
    String bootstrap = "127.0.0.1:" + brokerPort;
    Path logs = dir.resolve("data");
    Path config = dir.resolve("server.properties");
    String properties = String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://" + bootstrap,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + logs.toAbsolutePath(),
        "num.partitions=" + partitions,
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.flush.interval.messages=9223372036854775807",
        "num.network.threads=2",
        "num.io.threads=2",
        "background.threads=2",
        "") ;
    Files.writeString(config, properties, StandardCharsets.UTF_8);
    Path log = dir.resolve("broker.log");
    String clusterId = Uuid.randomUuid().toString();
    Process format =
        java(classPath, List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()), log)
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IOException("kafka-storage format failed; see " + log + ":\n" + tail(log));
    }
    Process broker = java(classPath, List.of("kafka.Kafka", config.toString()), log).start();
    KafkaBroker b = new KafkaBroker(broker, bootstrap, dir);
    try {
      b.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      b.close();
      throw e;
    }
    return b;
  }

  private static ProcessBuilder java(String classPath, List<String> mainAndArgs, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms64m");
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.level=WARN");
    command.add("-cp");
    command.add(classPath);
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = admin()) {
      while (true) {
        if (!process.isAlive()) {
          throw new IOException("the broker exited with " + process.exitValue() + "; see " + dir.resolve("broker.log")
              + ":\n" + tail(dir.resolve("broker.log")));
        }
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          // not up yet
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IOException("the broker did not become ready within " + READY_TIMEOUT.toSeconds() + " s; see "
              + dir.resolve("broker.log"));
        }
        Thread.sleep(200);
      }
    }
  }

  /** {@code host:port} of the broker's listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    return Admin.create(p);
  }

  /** Creates a topic and waits until it exists. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(Set.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          Map<String, ?> d = admin.describeTopics(Set.of(name)).allTopicNames().get(10, TimeUnit.SECONDS);
          if (!d.isEmpty()) {
            return;
          }
        } catch (java.util.concurrent.ExecutionException notYet) {
          if (System.nanoTime() - deadline > 0) {
            throw notYet;
          }
        }
        Thread.sleep(50);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not create topic " + name, e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
