package io.trackweave.bench;

import io.trackweave.api.internal.EventMapper;
import io.trackweave.api.Fields;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.bench.agent.AgentJars;
import io.trackweave.bench.agent.CheckoutService;
import io.trackweave.bench.agent.PlainCheckoutService;
import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.sink.SinkProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.agent.ByteBuddyAgent;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 4: the hot-path cost of a woven method. In every fork the Trackweave agent jar is attached to the
 * benchmark's own JVM (agentmain; the same transformer premain registers), the runtime it starts delivers
 * to a local sink, and then:
 *
 * <ul>
 *   <li>{@code unwoven}: {@link PlainCheckoutService#confirmPayment}, the same method without annotations;
 *   <li>{@code mapperAndTrack}: that call, then the processor-generated mapper of
 *       {@link CheckoutService#confirmPayment} called directly ({@code onReturn}: capture + enqueue), i.e.
 *       what an application without the agent does;
 *   <li>{@code woven}: {@link CheckoutService#confirmPayment} as the agent wove it (advice, argument array,
 *       {@code MapperDispatch}, mapper, enqueue).
 * </ul>
 *
 * The agent's own cost is {@code woven - mapperAndTrack}. The {@code tracker} parameter says what the
 * mapper's {@code Trackweave.tracker()} is:
 *
 * <ul>
 *   <li>{@code runtime}: the runtime the agent started, delivering to the sink. Bursts of {@value #CALLS}
 *       calls are timed; the untimed set-up before each waits until the sink has every event (flush
 *       interval 20 ms here, so a drain does not wait for the default 1 s). The runtime's background
 *       threads share the two cores with the caller, so this figure is noisy;
 *   <li>{@code recording}: after the weaving is proven end to end, a tracker that only keeps the last
 *       call's values replaces the runtime, so the difference between the variants is the advice and
 *       dispatch alone, free of the delivery pipeline's noise.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms1g", "-Xmx1g", "-Djdk.attach.allowAttachSelf=true",
      "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"
    })
public class AgentHotPathBenchmark {
  public static final int CALLS = 10_000;
  private static final AtomicLong ORDER_NUMBERS = new AtomicLong();

  @State(Scope.Benchmark)
  public static class Agent {
    @Param({"recording", "runtime"})
    public String tracker;

    SinkProcess sink;
    CheckoutService woven;
    PlainCheckoutService plain;
    EventMapper mapper;
    final AtomicLong sent = new AtomicLong();

    @Setup(Level.Trial)
    public void attach() throws Exception {
      sink = SinkProcess.start();
      // read by the runtime the agent starts (system properties are one of its configuration sources)
      System.setProperty("trackweave.site.id", "bench-site");
      System.setProperty("trackweave.api.key", "bench-key");
      System.setProperty("trackweave.endpoint", sink.baseUrl());
      System.setProperty("trackweave.rate.limit", "100000");
      System.setProperty("trackweave.queue.max.operations", "1000000");
      System.setProperty("trackweave.queue.max.bytes", "512m");
      System.setProperty("trackweave.flush.interval", "20ms");
      System.setProperty("trackweave.jmx", "false");
      Path agentJar = AgentJars.trackweave();
      ByteBuddyAgent.attach(agentJar.toFile(), ByteBuddyAgent.ProcessProvider.ForCurrentVm.INSTANCE);
      woven = new CheckoutService();
      plain = new PlainCheckoutService();
      mapper = mapperOf(CheckoutService.class, "confirmPayment");
      // prove the weaving end to end before measuring: one woven call must reach the sink
      woven.confirmPayment("cust-proof", Order.numbered(-1));
      sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, 1, 30_000, SinkProcess.Check.NONE);
      sent.set(1);
      if ("recording".equals(tracker)) {
        Trackweave.install(new RecordingTracker());
      }
      System.out.println();
      System.out.println("[agent] attached " + agentJar + "; tracker " + Trackweave.tracker() + "; mapper "
          + mapper.getClass().getName());
    }

    @TearDown(Level.Trial)
    public void stop() {
      // let the runtime deliver everything before the sink goes, so the JVM's exit does not retry
      sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, sent.get(), 60_000, SinkProcess.Check.NONE);
      System.out.println();
      System.out.println("[agent] sent " + sent.get() + ", sink counted " + sink.events(SinkProcess.Client.TRACKWEAVE));
      sink.close();
    }

    boolean recording() {
      return "recording".equals(tracker);
    }

    void sent(int calls) {
      if (!recording()) {
        sent.addAndGet(calls);
      }
    }

    /** The generated mapper the processor's index names for {@code owner#method}. */
    private static EventMapper mapperOf(Class<?> owner, String method) throws Exception {
      Enumeration<URL> indexes = owner.getClassLoader().getResources("META-INF/trackweave/index");
      while (indexes.hasMoreElements()) {
        try (InputStream in = indexes.nextElement().openStream();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (line.startsWith("#") || line.isBlank()) {
              continue;
            }
            String[] f = line.split(" ");
            if (f.length == 4 && f[0].equals(owner.getName()) && f[1].equals(method)) {
              return (EventMapper) Class.forName(f[3], true, owner.getClassLoader()).getConstructor().newInstance();
            }
          }
        }
      }
      throw new IllegalStateException("no index entry for " + owner.getName() + "#" + method);
    }
  }

  /** Keeps the last call's values where the JIT cannot prove them dead; sends nothing. */
  static final class RecordingTracker implements Tracker {
    volatile Object last;
    long calls;

    @Override
    public void identify(Person person, Fields attributes, boolean updateOnly) {
      last = attributes;
    }

    @Override
    public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
      calls++;
      last = properties;
    }

    @Override
    public String toString() {
      return "RecordingTracker";
    }
  }

  /** One thread's next burst of fresh orders; waits (untimed) until everything sent so far arrived. */
  @State(Scope.Thread)
  public static class Burst {
    final String[] customerIds = new String[CALLS];
    final Order[] orders = new Order[CALLS];

    @Setup(Level.Invocation)
    public void next(Agent agent) {
      if (agent.recording()) {
        if (orders[0] != null) {
          return; // nothing is delivered; the same orders serve again
        }
      } else {
        agent.sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, agent.sent.get(), 60_000, SinkProcess.Check.NONE);
      }
      long first = ORDER_NUMBERS.getAndAdd(CALLS);
      for (int i = 0; i < CALLS; i++) {
        orders[i] = Order.numbered(first + i);
        customerIds[i] = "cust-" + ((first + i) % 5000);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public void unwoven(Agent agent, Burst b, Blackhole bh) {
    PlainCheckoutService service = agent.plain;
    for (int i = 0; i < CALLS; i++) {
      bh.consume(service.confirmPayment(b.customerIds[i], b.orders[i]));
    }
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public void mapperAndTrack(Agent agent, Burst b, Blackhole bh) {
    PlainCheckoutService service = agent.plain;
    EventMapper mapper = agent.mapper;
    for (int i = 0; i < CALLS; i++) {
      String customerId = b.customerIds[i];
      Order order = b.orders[i];
      Order result = service.confirmPayment(customerId, order);
      mapper.onReturn(new Object[] {customerId, order}, result);
      bh.consume(result);
    }
    agent.sent(CALLS);
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public void woven(Agent agent, Burst b, Blackhole bh) {
    CheckoutService service = agent.woven;
    for (int i = 0; i < CALLS; i++) {
      bh.consume(service.confirmPayment(b.customerIds[i], b.orders[i]));
    }
    agent.sent(CALLS);
  }
}
