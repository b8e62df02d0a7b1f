package io.trackweave.bench;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.bench.sink.SinkProcess;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6: sustained load with the disk spool off and on. Two caller threads track a small event as
 * fast as they can against a local HTTP sink (its own JVM); Throughput gives calls/s, SampleTime the
 * caller's latency distribution (p99 in the sample-time output). When callers outrun delivery, the
 * spool takes what the queue cannot (spool on) or the calls are dropped and counted (spool off); the
 * teardown prints delivered, spilled and dropped, so the score is read together with them.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LoadBenchmark {
  @State(Scope.Benchmark)
  public static class Load {
    @Param({"off", "on"})
    public String spool;

    SinkProcess sink;
    TrackweaveRuntime runtime;
    Path dir;
    final AtomicLong seq = new AtomicLong();
    final Person[] people = new Person[64];

    @Setup(Level.Trial)
    public void start() throws Exception {
      sink = SinkProcess.start();
      dir = Files.createTempDirectory("trackweave-load-spool");
      for (int i = 0; i < people.length; i++) {
        people[i] = Person.identified(IdentifierType.ID, "load-" + i);
      }
      runtime = TrackweaveRuntime.create(TrackweaveConfig.builder()
          .siteId("bench-site")
          .apiKey("bench-key")
          .endpoint(sink.baseUrl())
          .name("load-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
          .rateLimit(10_000)
          .jmx(false)
          .spoolEnabled(spool.equals("on"))
          .spoolDir(dir)
          .build());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
      runtime.flush(Duration.ofSeconds(20));
      MetricsSnapshot m = runtime.metrics();
      System.out.println("[load spool=" + spool + "] calls " + seq.get() + ", delivered " + m.delivered()
          + ", spilled " + m.spilled() + ", replayed " + m.replayed() + ", dropped " + m.droppedByReason()
          + ", spool bytes " + m.spoolBytes() + ", sink counted " + sink.events(SinkProcess.Client.TRACKWEAVE));
      runtime.close(Duration.ofSeconds(5));
      sink.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public void track(Load load) {
    long i = load.seq.getAndIncrement();
    load.runtime.track(load.people[(int) (i & 63)], "page_viewed",
        Fields.builder(2).put("seq", i).put("path", "/products/42").build());
  }
}
