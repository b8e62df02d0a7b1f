package io.trackweave.bench;

import io.trackweave.bench.client.SegmentClient;
import io.trackweave.bench.client.TrackweaveClient;
import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.sink.SinkProcess;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 2: events per second delivered end to end, from the calling thread to a local HTTP server (a
 * JDK HttpServer in its own JVM, TCP_NODELAY, counting events in the decompressed bodies), Trackweave
 * against Segment in the same run. The score (ops/s) is events/s: one invocation sends {@value #EVENTS}
 * order_completed calls (3 line items each) and returns only when the sink has counted all of them.
 *
 * <p>The producer is one thread that keeps at most {@value #WINDOW} events outstanding (sent but not yet
 * counted by the sink), so Trackweave's bounded queue is never what limits the figure (a drop fails the
 * benchmark) and Segment's unbounded one never grows without limit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EndToEndBenchmark.EVENTS)
@Threads(1)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 4, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EndToEndBenchmark {
  public static final int EVENTS = 100_000;
  public static final int WINDOW = 20_000;
  private static final int CHUNK = 500;

  /**
   * Trackweave with its defaults, except the request rate limit: the default (100 requests/s, as
   * Customer.io asks) caps any client at 100 x events-per-batch; "100" shows that ceiling, "10000" the
   * pipeline itself.
   */
  @State(Scope.Benchmark)
  public static class TrackweaveState {
    @Param({"10000", "100"})
    public String rateLimit;

    TrackweaveClient client;
    long nextOrder;

    @Setup(Level.Trial)
    public void start() {
      client = TrackweaveClient.start(Map.of("rate.limit", rateLimit));
    }

    @TearDown(Level.Trial)
    public void stop() {
      System.out.println();
      System.out.println("[trackweave] sent " + client.sent() + ", " + client.metrics());
      client.close();
    }
  }

  @State(Scope.Benchmark)
  public static class SegmentState {
    SegmentClient client;
    long nextOrder;

    @Setup(Level.Trial)
    public void start() {
      client = SegmentClient.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      System.out.println();
      System.out.println(
          "[segment] sent " + client.sent() + ", sink counted "
              + client.sink().events(SinkProcess.Client.SEGMENT) + ", requests " + client.sink().requests());
      client.close();
    }
  }

  @Benchmark
  public void trackweave(TrackweaveState s) {
    TrackweaveClient client = s.client;
    SinkProcess sink = client.sink();
    long base = client.sent();
    for (int i = 0; i < EVENTS; i++) {
      if (i % CHUNK == 0) {
        awaitWindow(sink, SinkProcess.Client.TRACKWEAVE, base + i, client::problem);
      }
      client.track("cust-" + (i & 4095), Order.numbered(s.nextOrder++));
    }
    client.awaitDelivered(client.sent(EVENTS));
  }

  @Benchmark
  public void segment(SegmentState s) {
    SegmentClient client = s.client;
    SinkProcess sink = client.sink();
    long base = client.sent();
    for (int i = 0; i < EVENTS; i++) {
      if (i % CHUNK == 0) {
        awaitWindow(sink, SinkProcess.Client.SEGMENT, base + i, SinkProcess.Check.NONE);
      }
      client.track("cust-" + (i & 4095), Order.numbered(s.nextOrder++));
    }
    client.awaitDelivered(client.sent(EVENTS));
  }

  private static void awaitWindow(SinkProcess sink, SinkProcess.Client which, long sentSoFar, SinkProcess.Check check) {
    long mustHave = sentSoFar - WINDOW;
    if (mustHave > 0) {
      sink.awaitEvents(which, mustHave, 60_000, check);
    }
  }
}
