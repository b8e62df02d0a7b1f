package io.trackweave.runtime.kafka;

import io.trackweave.runtime.kafka.internal.RecordFormat;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Trackweave;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent.extensions} as a user runs it: an executable application jar started with {@code java
 * -javaagent:trackweave-agent.jar=transport=kafka,...,agent.extensions=trackweave-kafka-agent.jar -jar
 * app.jar} (where {@code -cp} would be ignored) publishes to a real broker; a missing extension is one
 * warning, and the runtime then behaves exactly as without it. The agent jar comes from the reactor (the
 * test dependency on trackweave-agent orders the build; maven-dependency-plugin copies its javaagent jar),
 * the extension jar is this module's own.
 */
class AgentExtensionIT {
  private static final Path AGENT =
      Path.of(System.getProperty("trackweave.it.agentJar", "target/it-agent/trackweave-agent.jar"));
  private static final Path EXTENSION =
      Path.of(System.getProperty("trackweave.it.extensionJar", "target/trackweave-kafka-agent.jar"));
  private static final long TIMEOUT_SECONDS = 90;

  @TempDir Path dir;
  private Path appJar;

  @BeforeEach
  void jars() throws Exception {
    assertThat(AGENT).as("the agent jar (mvn -pl agent,kafka -am verify builds it)").isRegularFile();
    assertThat(EXTENSION).as("the agent extension jar (this module's package phase)").isRegularFile();
    appJar = appJar(dir.resolve("app.jar"));
  }

  @Test
  void javaDashJarWithTheExtensionNamedByTheAgentArgumentPublishesToKafka() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"), 3)) {
      // this build's JDK, and Temurin 25 when it is another one (CI runs the whole build on each)
      Map<String, String> jdks = new LinkedHashMap<>();
      jdks.put(String.valueOf(Runtime.version().feature()), System.getProperty("java.home"));
      String jdk25 = System.getProperty("trackweave.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
      if (Files.isRegularFile(Path.of(jdk25, "bin", "java"))) {
        jdks.putIfAbsent("25", jdk25);
      } else {
        System.err.println("JDK 25 not found at " + jdk25 + " (trackweave.jdk25.home); its run is skipped");
      }
      for (Map.Entry<String, String> jdk : jdks.entrySet()) {
        String topic = "app.ops." + jdk.getKey();
        broker.createTopic(topic, 3);
        String agentArgs = "transport=kafka,kafka.bootstrap.servers=" + broker.bootstrapServers()
            + ",kafka.topic=" + topic + ",spool.dir=" + dir.resolve("spool-" + jdk.getKey()) + ",jmx=false"
            + ",agent.extensions=" + EXTENSION.toAbsolutePath();
        Run run = run(jdk.getValue(), agentArgs, Map.of(), 50);

        assertThat(run.exit).as(run.log).isZero();
        assertThat(run.log).as("JDK " + jdk.getKey())
            .contains("TRACKED 50")
            .contains("publishes to Kafka topic " + topic)
            .doesNotContain("agent.extensions")
            .doesNotContain("Trackweave is disabled");
        assertThat(records(broker, topic, 50)).as("JDK " + jdk.getKey() + ": 50 records, in order")
            .hasSize(50).isSorted();
      }
    }
  }

  @Test
  void aMissingExtensionIsOneWarningAndTheRuntimeRunsAsWithoutIt() throws Exception {
    Path missing = dir.resolve("not-here").resolve("trackweave-kafka-agent.jar");
    Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip", StandardCharsets.UTF_8);
    // nothing listens there; the runtime never gets as far as connecting
    String agentArgs = "transport=kafka,kafka.bootstrap.servers=127.0.0.1:9,jmx=false,spool.enabled=false";

    // the environment variable, the third spelling of the same setting; two bad entries
    Run bad = run(System.getProperty("java.home"), agentArgs,
        Map.of("TRACKWEAVE_AGENT_EXTENSIONS", missing + File.pathSeparator + notAJar), 5);
    Run without = run(System.getProperty("java.home"), agentArgs, Map.of(), 5);

    assertThat(bad.exit).as(bad.log).isZero();
    assertThat(bad.log).contains("TRACKED 5").doesNotContain("Exception");
    assertThat(lines(bad.log, "agent.extensions")).as(bad.log).hasSize(2);
    assertThat(lines(bad.log, "agent.extensions").get(0))
        .contains(missing.toString()).contains("does not exist").contains("left out");
    assertThat(lines(bad.log, "agent.extensions").get(1)).contains(notAJar.toString()).contains("is not a jar");
    // exactly what the runtime says without the extension
    List<String> disabled = lines(without.log, "Trackweave is disabled");
    assertThat(disabled).singleElement().asString().contains("transport=kafka needs trackweave-kafka");
    assertThat(lines(bad.log, "Trackweave is disabled")).isEqualTo(disabled);
    assertThat(without.exit).as(without.log).isZero();
    assertThat(without.log).contains("TRACKED 5").doesNotContain("agent.extensions");
  }

  private record Run(int exit, String log) {}

  private Run run(String javaHome, String agentArgs, Map<String, String> env, int events)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "app-", ".log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(javaHome, "bin", "java").toString(),
        "-javaagent:" + AGENT.toAbsolutePath() + "=" + agentArgs, "-jar", appJar.toString(), String.valueOf(events))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("TRACKWEAVE_") || k.startsWith("CUSTOMERIO_"));
    pb.environment().putAll(env);
    Process app = pb.start();
    if (!app.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      app.destroyForcibly();
      throw new AssertionError("the application did not exit within " + TIMEOUT_SECONDS + " s:\n"
          + Files.readString(log));
    }
    return new Run(app.exitValue(), Files.readString(log));
  }

  private static List<String> lines(String log, String containing) {
    return log.lines().filter(l -> l.contains(containing)).toList();
  }

  /** The "n" of every record on {@code topic} (all keyed by shop-1), in offset order, once {@code expected} arrived. */
  private static List<Long> records(KafkaBroker broker, String topic, int expected) throws Exception {
    List<Long> ns = new ArrayList<>();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      // a little past the expected count, so a doubled record would show
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() - deadline < 0 && System.nanoTime() - quietUntil < 0) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("id:shop-1");
          Operation op = RecordFormat.decode(r.value(), null);
          assertThat(op.name()).isEqualTo("checkout_step");
          ns.add(((Number) op.fields().get("n")).longValue());
        }
        if (ns.size() >= expected && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        }
      }
    }
    return ns;
  }

  /**
   * An executable jar, as a user's build makes one: the application's class and the annotations' facade it
   * calls (trackweave-annotations, from this test's class path), with {@code Main-Class} and no {@code
   * Class-Path}.
   */
  private static Path appJar(Path jar) throws IOException, URISyntaxException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, AgentExtensionApp.class.getName());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
      String app = AgentExtensionApp.class.getName().replace('.', '/') + ".class";
      try (InputStream in = AgentExtensionApp.class.getClassLoader().getResourceAsStream(app)) {
        assertThat(in).as(app).isNotNull();
        add(j, app, in);
      }
      Path annotations = Path.of(Trackweave.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(annotations)) {
        try (Stream<Path> files = Files.walk(annotations)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            String name = annotations.relativize(f).toString().replace(File.separatorChar, '/');
            try (InputStream in = Files.newInputStream(f)) {
              add(j, name, in);
            }
          }
        }
      } else {
        try (JarFile source = new JarFile(annotations.toFile())) {
          for (Enumeration<JarEntry> e = source.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            if (!entry.isDirectory() && !entry.getName().equals(JarFile.MANIFEST_NAME)) {
              try (InputStream in = source.getInputStream(entry)) {
                add(j, entry.getName(), in);
              }
            }
          }
        }
      }
    }
    return jar;
  }

  private static void add(JarOutputStream jar, String name, InputStream content) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    content.transferTo(jar);
    jar.closeEntry();
  }
}
