package io.trackweave.bench;

import io.trackweave.bench.agent.AgentJars;
import io.trackweave.bench.sink.SinkProcess;
import io.trackweave.bench.startup.StartupApps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Issue 4: wall time of a whole child JVM (start, run, exit), with no agent, with
 * {@code -javaagent:trackweave-agent.jar}, and with the OpenTelemetry Java agent, in the same run. The
 * start-up an agent adds is its score minus {@code agent=none} for the same app.
 *
 * <p>The child is the same java as this benchmark. Trackweave's agent gets dummy credentials and a local
 * sink as endpoint through the environment, so a tracked app really starts the runtime, weaves, and
 * delivers its one event before it exits (the sink's count is printed at the end of each trial as proof).
 * OpenTelemetry gets {@code otel.{traces,metrics,logs}.exporter=none} so it never waits on a collector
 * that is not there; its instrumentation is otherwise the default.
 *
 * <p>The score is start to exit. Each trial also prints ("[startup] ... ready") the mean time until the
 * app printed its line, i.e. until {@code main} had done its work, without the JVM's exit (where
 * Trackweave's shutdown hook delivers the tracked app's event).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(1)
@State(Scope.Benchmark)
public class AgentStartupBenchmark {
  @Param({"hello", "helloTracked", "classes2000Tracked"})
  public String app;

  @Param({"none", "noop", "trackweave", "opentelemetry"})
  public String agent;

  private SinkProcess sink;
  private ProcessBuilder launch;
  private final List<Double> readyMillis = new ArrayList<>();
  private List<String> lastOutput = List.of();
  private int runs;
  private int warmupLaunches;

  @Setup(Level.Trial)
  public void prepare(BenchmarkParams params) throws IOException {
    warmupLaunches = params.getWarmup().getCount();
    StartupApps.App application = StartupApps.get(app);
    sink = SinkProcess.start();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    switch (agent) {
      case "none" -> {}
      case "noop" -> command.add("-javaagent:" + StartupApps.noopAgent());
      case "trackweave" -> command.add("-javaagent:" + AgentJars.trackweave());
      case "opentelemetry" -> {
        command.add("-javaagent:" + AgentJars.openTelemetry());
        command.add("-Dotel.traces.exporter=none");
        command.add("-Dotel.metrics.exporter=none");
        command.add("-Dotel.logs.exporter=none");
      }
      default -> throw new IllegalArgumentException(agent);
    }
    command.add("-cp");
    command.add(application.jar().toString());
    command.add(application.mainClass());
    launch = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = launch.environment();
    env.put("CUSTOMERIO_SITE_ID", "bench-site");
    env.put("CUSTOMERIO_API_KEY", "bench-key");
    env.put("TRACKWEAVE_ENDPOINT", sink.baseUrl());
    env.put("TRACKWEAVE_JMX", "false");
    System.out.println();
    System.out.println("[startup] " + String.join(" ", command));
  }

  @Benchmark
  public int launch() throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = launch.start();
    long ready = 0;
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (ready == 0 && line.startsWith("hello")) {
          ready = System.nanoTime();
        }
        output.add(line);
      }
    }
    int exit = process.waitFor();
    runs++;
    lastOutput = output;
    if (exit != 0 || ready == 0) {
      throw new IllegalStateException("child JVM exited with " + exit + ":\n" + tail());
    }
    readyMillis.add((ready - start) / 1e6);
    return exit;
  }

  @TearDown(Level.Trial)
  public void report() {
    // the warm-up launches are left out, as in the score
    List<Double> measured = readyMillis.subList(Math.min(warmupLaunches, readyMillis.size()), readyMillis.size());
    double mean = measured.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double sd = Math.sqrt(measured.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, measured.size() - 1));
    System.out.println();
    System.out.printf(Locale.ROOT, "[startup] %s with %s ready: mean %.1f ms, sd %.1f ms over %d launches%n",
        app, agent, mean, sd, measured.size());
    System.out.println("[startup] " + app + " with " + agent + ": " + runs + " runs, sink counted "
        + sink.events(SinkProcess.Client.TRACKWEAVE) + " events; last output:\n" + tail());
    sink.close();
  }

  private String tail() {
    List<String> lines = lastOutput;
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
