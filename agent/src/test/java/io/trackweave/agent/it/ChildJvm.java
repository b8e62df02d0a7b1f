package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a real JVM for an integration test, bounded by a timeout, and captures its output. */
final class ChildJvm {
  static final Path WORK = Path.of(System.getProperty("trackweave.it.workDir", "target/it-work"));
  static final String AGENT_JAR = System.getProperty("trackweave.it.agentJar", "target/trackweave-agent.jar");
  static final Path TEST_CLASSES = Path.of(System.getProperty("trackweave.it.testClasses", "target/test-classes"));
  private static final long TIMEOUT_SECONDS = 60;

  private String javaHome = System.getProperty("java.home");
  private String agentArgs;
  private boolean agent;
  private final List<String> classpath = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String mainClass;
  private final List<String> args = new ArrayList<>();

  static ChildJvm java() {
    return new ChildJvm();
  }

  ChildJvm home(String javaHome) {
    this.javaHome = javaHome;
    return this;
  }

  ChildJvm withAgent(String agentArgs) {
    this.agent = true;
    this.agentArgs = agentArgs;
    return this;
  }

  ChildJvm classpath(Object... entries) {
    for (Object entry : entries) {
      classpath.add(entry.toString());
    }
    return this;
  }

  ChildJvm property(String name, Object value) {
    jvmOptions.add("-D" + name + "=" + value);
    return this;
  }

  ChildJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * The credentials and endpoint of a local Track API stand-in. The disk spool stays on, as by default,
   * in a directory of this run's own: nothing is left in ~/.trackweave for a later run to replay.
   */
  ChildJvm trackApi(String endpoint) {
    return env("TRACKWEAVE_ENDPOINT", endpoint)
        .env("CUSTOMERIO_SITE_ID", "site-it")
        .env("CUSTOMERIO_API_KEY", "key-it-secret")
        .env("TRACKWEAVE_FLUSH_INTERVAL", "100ms")
        .env("TRACKWEAVE_JMX", "false")
        .env("TRACKWEAVE_SPOOL_DIR", spoolDir().toString());
  }

  /** A new, empty spool directory for one child JVM. */
  static Path spoolDir() {
    try {
      Files.createDirectories(WORK);
      return Files.createTempDirectory(WORK.toAbsolutePath(), "spool-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  ChildJvm main(String mainClass, String... args) {
    this.mainClass = mainClass;
    this.args.addAll(List.of(args));
    return this;
  }

  Result run() throws IOException, InterruptedException {
    Running running = start();
    Process process = running.process();
    boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = running.output();
    assertThat(finished).as("child JVM finished within %ss: %s\n%s", TIMEOUT_SECONDS, running.command(), output)
        .isTrue();
    return new Result(process.exitValue(), output, running.command());
  }

  /** Starts the JVM and returns at once: the test drives it (waits for a line, kills it, lets it exit). */
  Running start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    if (agent) {
      command.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(WORK);
    Path out = Files.createTempFile(WORK, "child-", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("CUSTOMERIO_") || k.startsWith("TRACKWEAVE_"));
    builder.environment().putAll(env);
    return new Running(builder.start(), out, command);
  }

  /** A child JVM running beside the test. */
  record Running(Process process, Path out, List<String> command) {
    String output() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Waits until the child has printed a line starting with {@code prefix}; fails if it ends first. */
    void awaitLine(String prefix, java.time.Duration timeout) throws IOException, InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (output().lines().noneMatch(l -> l.startsWith(prefix))) {
        assertThat(process.isAlive()).as("child still running\n" + output()).isTrue();
        assertThat(System.nanoTime() - end).as("waiting for " + prefix + "\n" + output()).isNegative();
        Thread.sleep(20);
      }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    void awaitExit(java.time.Duration timeout) throws IOException, InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("child did not exit within " + timeout + "\n" + output());
      }
    }

    int exitCode() {
      return process.exitValue();
    }
  }

  record Result(int exitCode, String output, List<String> command) {
    Result assertOk() {
      assertThat(exitCode).as("exit code of %s\n%s", command, output).isZero();
      assertThat(output).as("output of %s", command).contains("DONE");
      return this;
    }

    List<String> lines(String prefix) {
      return output.lines().filter(l -> l.startsWith(prefix)).toList();
    }
  }

  /** An artifact's jar from the test class path (written by the build into a file). */
  static String jarOf(String artifactId) throws IOException {
    Path file = Path.of(System.getProperty("trackweave.it.classpathFile", "target/it-classpath.txt"));
    for (String entry : Files.readString(file).strip().split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith(artifactId + "-") && name.endsWith(".jar")) {
        return entry;
      }
    }
    throw new IllegalStateException(artifactId + " is not on the test class path " + file);
  }

  /** Every jar of the test class path whose file name starts with one of {@code artifactIds}. */
  static List<String> jarsOf(String... artifactIds) throws IOException {
    List<String> jars = new ArrayList<>();
    for (String id : artifactIds) {
      jars.add(jarOf(id));
    }
    return jars;
  }
}
