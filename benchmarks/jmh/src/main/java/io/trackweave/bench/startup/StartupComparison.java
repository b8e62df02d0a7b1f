package io.trackweave.bench.startup;

import io.trackweave.bench.agent.AgentJars;
import io.trackweave.bench.sink.SinkProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 11's start-up and exit comparison: whole child JVMs of {@code hello} and {@code helloTracked}
 * ({@link StartupApps}) with no agent, the no-op agent (the floor), Trackweave's agent and the
 * OpenTelemetry agent, the configurations <em>alternating</em> launch by launch so load spikes on this
 * shared machine land on all of them alike. For each launch: the time until the app printed its line
 * (the end of {@code main}) and until the JVM exited (for helloTracked with Trackweave, with its call
 * delivered to the sink: the sink's count is checked), and, where {@code /usr/bin/time} exists, the CPU
 * time the child used (user + system, all threads; steadier than wall time on a busy machine). Medians,
 * and each minus the no-op agent's.
 *
 * <pre>{@code
 * java -cp benchmarks/jmh/target/benchmarks.jar io.trackweave.bench.startup.StartupComparison [rounds] [withOtel]
 * }</pre>
 *
 * <p>With {@code -Dtrackweave.bench.agent.before.jar=<an older trackweave-agent.jar>}, a fifth agent,
 * {@code trackweave-before}, alternates with the others: a change's before and after in the same run.
 */
public final class StartupComparison {
  /** GNU time, for the child's CPU time; the CPU table is left out without it. */
  private static final Path TIME = Path.of("/usr/bin/time");

  private StartupComparison() {}

  private record Config(String app, String agent) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    boolean otel = args.length <= 1 || Boolean.parseBoolean(args[1]);
    List<String> agents = new ArrayList<>(List.of("none", "noop", "trackweave"));
    Path before = beforeAgent();
    if (before != null) {
      agents.add(2, "trackweave-before");
    }
    if (otel) {
      agents.add("opentelemetry");
    }
    List<Config> configs = new ArrayList<>();
    for (String app : List.of("hello", "helloTracked")) {
      for (String agent : agents) {
        configs.add(new Config(app, agent));
      }
    }
    Map<Config, List<double[]>> samples = new LinkedHashMap<>();
    configs.forEach(c -> samples.put(c, new ArrayList<>()));
    try (SinkProcess sink = SinkProcess.start()) {
      System.out.println("[startup-compare] load before: " + load());
      for (int round = -2; round < rounds; round++) { // two warm-up rounds (page cache, the sink's JIT)
        for (Config c : configs) {
          double[] readyExit = launch(c, sink);
          if (round >= 0) {
            samples.get(c).add(readyExit);
          }
        }
      }
      long expected = (long) (rounds + 2) * (before != null ? 2 : 1);
      sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, expected, 10_000, SinkProcess.Check.NONE);
      long delivered = sink.events(SinkProcess.Client.TRACKWEAVE);
      System.out.println("[startup-compare] load after: " + load());
      System.out.println("[startup-compare] helloTracked with trackweave" + (before != null ? " and trackweave-before" : "")
          + ": " + expected + " launches, the sink counted "
          + delivered + " events");
      if (delivered != expected) {
        throw new IllegalStateException("expected " + expected + " delivered events, the sink counted " + delivered);
      }
    }
    System.out.println();
    System.out.println("| app | agent | to end of main, ms | minus no-op agent | to JVM exit, ms | minus no-op agent |");
    System.out.println("|---|---|---|---|---|---|");
    for (Config c : configs) {
      Config floor = new Config(c.app(), "noop");
      double ready = median(samples.get(c), 0);
      double exit = median(samples.get(c), 1);
      double floorReady = median(samples.get(floor), 0);
      double floorExit = median(samples.get(floor), 1);
      System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %+.0f | %.0f | %+.0f |%n", c.app(), c.agent(), ready,
          ready - floorReady, exit, exit - floorExit);
    }
    System.out.printf(Locale.ROOT, "(medians of %d alternating launches per configuration, after 2 warm-up rounds)%n", rounds);
    if (Files.isExecutable(TIME)) {
      System.out.println();
      System.out.println("| app | agent | CPU (user+sys), ms | minus no-op agent |");
      System.out.println("|---|---|---|---|");
      for (Config c : configs) {
        double cpu = median(samples.get(c), 2);
        double floorCpu = median(samples.get(new Config(c.app(), "noop")), 2);
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %+.0f |%n", c.app(), c.agent(), cpu, cpu - floorCpu);
      }
    }
    for (Config c : configs) {
      StringBuilder exits = new StringBuilder();
      for (double[] s : samples.get(c)) {
        exits.append(String.format(Locale.ROOT, "%.0f ", s[1]));
      }
      System.out.println("[startup-compare] " + c.app() + " " + c.agent() + " exits: " + exits.toString().strip());
    }
  }

  private static double[] launch(Config c, SinkProcess sink) throws IOException, InterruptedException {
    StartupApps.App app = StartupApps.get(c.app());
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(TIME)) {
      command.add(TIME.toString());
      command.add("-f");
      command.add("TWCPU %U %S");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    switch (c.agent()) {
      case "none" -> {}
      case "noop" -> command.add("-javaagent:" + StartupApps.noopAgent());
      case "trackweave" -> command.add("-javaagent:" + AgentJars.trackweave());
      case "trackweave-before" -> command.add("-javaagent:" + beforeAgent());
      case "opentelemetry" -> {
        command.add("-javaagent:" + AgentJars.openTelemetry());
        command.add("-Dotel.traces.exporter=none");
        command.add("-Dotel.metrics.exporter=none");
        command.add("-Dotel.logs.exporter=none");
      }
      default -> throw new IllegalArgumentException(c.agent());
    }
    command.add("-cp");
    command.add(app.jar().toString());
    command.add(app.mainClass());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("CUSTOMERIO_SITE_ID", "bench-site");
    env.put("CUSTOMERIO_API_KEY", "bench-key");
    env.put("TRACKWEAVE_ENDPOINT", sink.baseUrl());
    env.put("TRACKWEAVE_JMX", "false");
    long start = System.nanoTime();
    Process process = builder.start();
    long ready = 0;
    double cpuMs = Double.NaN;
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (ready == 0 && line.startsWith("hello")) {
          ready = System.nanoTime();
        }
        if (line.startsWith("TWCPU ")) {
          String[] f = line.split(" ");
          cpuMs = (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000;
          continue;
        }
        output.add(line);
      }
    }
    int exit = process.waitFor();
    long end = System.nanoTime();
    if (exit != 0 || ready == 0) {
      throw new IllegalStateException(c + ": the child JVM exited with " + exit + ":\n" + String.join("\n", output));
    }
    return new double[] {(ready - start) / 1e6, (end - start) / 1e6, cpuMs};
  }

  /** The older agent jar to compare with ({@code -Dtrackweave.bench.agent.before.jar}), or null. */
  private static Path beforeAgent() {
    String given = System.getProperty("trackweave.bench.agent.before.jar");
    if (given == null || given.isBlank()) {
      return null;
    }
    Path p = Path.of(given).toAbsolutePath();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("-Dtrackweave.bench.agent.before.jar=" + given + " is not a file");
    }
    return p;
  }

  private static double median(List<double[]> samples, int index) {
    List<Double> sorted = samples.stream().map(s -> s[index]).sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
