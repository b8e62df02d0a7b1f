package io.trackweave.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child JVM of a test (a relay or a producing service), its output in a file. */
final class Child implements AutoCloseable {
  final String name;
  final Process process;
  final Path log;

  private Child(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Child relay(String name, Path dir, Map<String, String> env) throws IOException {
    String jar = System.getProperty("trackweave.relay.jar", "target/trackweave-relay.jar");
    return start(name, dir, env, List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar));
  }

  static Child producer(String name, Path dir, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), FleetProducer.class.getName()));
    cmd.addAll(args);
    return start(name, dir, Map.of(), cmd);
  }

  private static Child start(String name, Path dir, Map<String, String> env, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("TRACKWEAVE_") || k.startsWith("CUSTOMERIO_"));
    pb.environment().putAll(env);
    return new Child(name, pb.start(), log);
  }

  /** kill -9. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not finish within " + seconds + " s:\n" + output());
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** The last line of its output that the relay wrote about itself. */
  String lastLine() {
    String last = "";
    for (String line : output().split("\n")) {
      if (line.startsWith("trackweave-relay:")) {
        last = line;
      }
    }
    return last;
  }

  /** The last status line's value of {@code key} ({@code rewinds=3}), or -1. */
  long lastStatus(String key) {
    long v = -1;
    for (String line : output().split("\n")) {
      int i = line.indexOf(" " + key + "=");
      if (line.contains("trackweave-relay: lag=") && i >= 0) {
        String rest = line.substring(i + key.length() + 2);
        int end = rest.indexOf(' ');
        v = (long) Double.parseDouble(end < 0 ? rest.trim() : rest.substring(0, end));
      }
    }
    return v;
  }

  @Override
  public void close() {
    // SIGTERM: the relay settles what is in flight and commits
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
