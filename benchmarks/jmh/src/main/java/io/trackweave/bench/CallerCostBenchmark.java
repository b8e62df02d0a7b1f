package io.trackweave.bench;

import io.trackweave.api.Fields;
import io.trackweave.bench.client.SegmentClient;
import io.trackweave.bench.client.TrackweaveClient;
import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.fixture.OrderPayloads;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Issue 2: what one {@code order_completed} track call (3 line items) costs the calling thread, Trackweave
 * against Segment's analytics-java, on 1 and 2 threads.
 *
 * <ul>
 *   <li>{@code *CaptureAndTrack}: the payload is built from the application's {@link Order} as the user's
 *       code does it (Trackweave: the {@link Fields} capture a generated mapper writes; Segment: the
 *       properties map), then the client's track/enqueue.
 *   <li>{@code *TrackOnly}: the payload was built beforehand; only the client's call is timed.
 * </ul>
 *
 * <p>Issue 13: Trackweave's benchmarks also run with {@code transport=kafka} ({@code transport} parameter):
 * the same runtime, used as a library with trackweave-kafka on the class path, publishes every call to a
 * topic of a real single-node KRaft broker in its own JVM (4 partitions; the broker's class path comes from
 * {@code benchmarks/kafka-broker}). The caller's path is the same code; what changes is the work that
 * competes with it for the cores (the Kafka producer and the broker instead of OkHttp and the sink), and
 * a burst counts as delivered when the broker acknowledged it.
 *
 * <p>Both clients deliver, for real, to a local HTTP sink in its own JVM. Neither can deliver as fast as a
 * tight loop produces, so the calls are timed in bursts of {@value #CALLS}, and the untimed set-up before
 * each burst paces them ({@code pipeline} parameter):
 *
 * <ul>
 *   <li>{@code idle}: waits until the sink has every event sent so far, so each burst starts with an empty
 *       pipeline, as in a service whose event rate is far below what the client can deliver;
 *   <li>{@code busy}: waits only until fewer than {@value #WINDOW} events are outstanding, so the calls
 *       compete with a saturated pipeline (encoding, HTTP, the sink) for the same two cores.
 * </ul>
 *
 * No call is ever dropped (Trackweave's benchmark fails if one is) and none ever blocks on a full queue
 * (Segment's queue is unbounded; Trackweave's is raised to hold {@value #WINDOW} outstanding events).
 *
 * <p>{@code -prof gc}'s {@code gc.alloc.rate.norm} counts every thread of the benchmark JVM, so it is the
 * whole client's allocation per event (capture, encoding, HTTP). The caller thread's own share is the
 * aux counter {@code callerBytes} divided by {@code calls}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CallerCostBenchmark {
  /** Calls per timed burst. */
  public static final int CALLS = 1_000;
  /** Outstanding events (sent, not yet counted by the sink) allowed when {@code pipeline=busy}. */
  public static final int WINDOW = 50_000;


  /** Trackweave's runtime, with headroom so a burst never fills the queue and the drain is quick. */
  @State(Scope.Benchmark)
  public static class TrackweaveState {
    /** How the untimed set-up paces the bursts (see the class comment). */
    @Param({"idle", "busy"})
    public String pipeline;

    /**
     * Issue 13: {@code http} delivers to the HTTP sink; {@code kafka} publishes with {@code
     * transport=kafka} (trackweave-kafka on the class path, the runtime as a library) to a real broker.
     */
    @Param({"http", "kafka"})
    public String transport;

    TrackweaveClient client;

    boolean idle() {
      return "idle".equals(pipeline);
    }

    @Setup(Level.Trial)
    public void start() {
      Map<String, String> headroom =
          Map.of(
              "queue.max.operations", "1000000",
              "queue.max.bytes", "512m",
              "rate.limit", "100000");
      switch (transport) {
        case "http" -> client = TrackweaveClient.start(headroom);
        case "kafka" -> client = TrackweaveClient.startKafka(headroom);
        default -> throw new IllegalArgumentException("transport=" + transport + ": use http or kafka");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      System.out.println();
      System.out.println("[trackweave, transport=" + transport + "] sent " + client.sent() + ", " + client.metrics());
      client.close();
    }
  }

  @State(Scope.Benchmark)
  public static class SegmentState {
    /** How the untimed set-up paces the bursts (see the class comment). */
    @Param({"idle", "busy"})
    public String pipeline;

    SegmentClient client;

    boolean idle() {
      return "idle".equals(pipeline);
    }

    @Setup(Level.Trial)
    public void start() {
      client = SegmentClient.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      System.out.println();
      System.out.println(
          "[segment] sent " + client.sent() + ", sink counted "
              + client.sink().events(io.trackweave.bench.sink.SinkProcess.Client.SEGMENT));
      client.close();
    }
  }

  /** One thread's next burst: fresh orders (unique ids, so no dedupe) and their prepared payloads. */
  public abstract static class Burst {
    private static final AtomicLong ORDER_NUMBERS = new AtomicLong();

    final String[] customerIds = new String[CALLS];
    final Order[] orders = new Order[CALLS];
    final Fields[] captures = new Fields[CALLS];
    final Map<String, Object>[] segmentProperties = newMapArray();
    long deliveredTarget;

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] newMapArray() {
      return (Map<String, Object>[]) new Map<?, ?>[CALLS];
    }

    void prepare(boolean captures, boolean segmentMaps) {
      long first = ORDER_NUMBERS.getAndAdd(CALLS);
      for (int i = 0; i < CALLS; i++) {
        orders[i] = Order.numbered(first + i);
        customerIds[i] = "cust-" + ((first + i) % 5000);
        this.captures[i] = captures ? OrderPayloads.capture(orders[i]) : null;
        segmentProperties[i] = segmentMaps ? OrderPayloads.segmentProperties(orders[i]) : null;
      }
    }
  }

  @State(Scope.Thread)
  public static class TrackweaveBurst extends Burst {
    @Setup(Level.Invocation)
    public void next(TrackweaveState state) {
      if (state.idle()) {
        state.client.awaitDelivered(deliveredTarget);
      } else {
        state.client.awaitOutstandingBelow(WINDOW);
      }
      prepare(true, false);
    }
  }

  @State(Scope.Thread)
  public static class SegmentBurst extends Burst {
    @Setup(Level.Invocation)
    public void next(SegmentState state) {
      if (state.idle()) {
        state.client.awaitDelivered(deliveredTarget);
      } else {
        state.client.awaitOutstandingBelow(WINDOW);
      }
      prepare(false, true);
    }
  }

  /** The calling thread's own allocations, summed per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CallerAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public long callerBytes;
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
      callerBytes = 0;
      calls = 0;
    }

    static long now() {
      return THREADS.getCurrentThreadAllocatedBytes();
    }

    void add(long bytes) {
      callerBytes += bytes;
      calls += CALLS;
    }
  }

  // ---- Trackweave

  private static void trackweaveCapture(TrackweaveState s, TrackweaveBurst b, CallerAllocation a) {
    TrackweaveClient client = s.client;
    long before = CallerAllocation.now();
    for (int i = 0; i < CALLS; i++) {
      client.track(b.customerIds[i], b.orders[i]);
    }
    a.add(CallerAllocation.now() - before);
    b.deliveredTarget = client.sent(CALLS);
  }

  private static void trackweaveOnly(TrackweaveState s, TrackweaveBurst b, CallerAllocation a) {
    TrackweaveClient client = s.client;
    long before = CallerAllocation.now();
    for (int i = 0; i < CALLS; i++) {
      client.trackCaptured(b.customerIds[i], b.captures[i], b.orders[i].orderId());
    }
    a.add(CallerAllocation.now() - before);
    b.deliveredTarget = client.sent(CALLS);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(CALLS)
  public void trackweaveCaptureAndTrack_1thread(TrackweaveState s, TrackweaveBurst b, CallerAllocation a) {
    trackweaveCapture(s, b, a);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(CALLS)
  public void trackweaveCaptureAndTrack_2threads(TrackweaveState s, TrackweaveBurst b, CallerAllocation a) {
    trackweaveCapture(s, b, a);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(CALLS)
  public void trackweaveTrackOnly_1thread(TrackweaveState s, TrackweaveBurst b, CallerAllocation a) {
    trackweaveOnly(s, b, a);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(CALLS)
  public void trackweaveTrackOnly_2threads(TrackweaveState s, TrackweaveBurst b, CallerAllocation a) {
    trackweaveOnly(s, b, a);
  }

  // ---- Segment

  private static void segmentCapture(SegmentState s, SegmentBurst b, CallerAllocation a) {
    SegmentClient client = s.client;
    long before = CallerAllocation.now();
    for (int i = 0; i < CALLS; i++) {
      client.track(b.customerIds[i], b.orders[i]);
    }
    a.add(CallerAllocation.now() - before);
    b.deliveredTarget = client.sent(CALLS);
  }

  private static void segmentOnly(SegmentState s, SegmentBurst b, CallerAllocation a) {
    SegmentClient client = s.client;
    long before = CallerAllocation.now();
    for (int i = 0; i < CALLS; i++) {
      client.trackPrepared(b.customerIds[i], b.segmentProperties[i], b.orders[i].orderId());
    }
    a.add(CallerAllocation.now() - before);
    b.deliveredTarget = client.sent(CALLS);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(CALLS)
  public void segmentCaptureAndTrack_1thread(SegmentState s, SegmentBurst b, CallerAllocation a) {
    segmentCapture(s, b, a);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(CALLS)
  public void segmentCaptureAndTrack_2threads(SegmentState s, SegmentBurst b, CallerAllocation a) {
    segmentCapture(s, b, a);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(CALLS)
  public void segmentTrackOnly_1thread(SegmentState s, SegmentBurst b, CallerAllocation a) {
    segmentOnly(s, b, a);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(CALLS)
  public void segmentTrackOnly_2threads(SegmentState s, SegmentBurst b, CallerAllocation a) {
    segmentOnly(s, b, a);
  }
}
