package io.trackweave.bench.client;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.bench.agent.CheckoutService;
import io.trackweave.bench.agent.CheckoutService_confirmPayment_TrackweaveMapper;
import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.sink.SinkProcess;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.runtime.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Trackweave's runtime with the one call every benchmark makes, delivering for real: to a {@link
 * SinkProcess} over HTTP ({@link #start}), or with {@code transport=kafka} to a topic of a real
 * single-node KRaft broker in its own JVM ({@link #startKafka}).
 */
public final class TrackweaveClient implements AutoCloseable {
  public static final String EVENT = "order_completed";
  /** The topic of {@link #startKafka}; 4 partitions, as many as a small production topic. */
  public static final String TOPIC = "bench.operations";
  /**
   * The broker's class path (kafka_2.13 and its dependencies), one line as {@code benchmarks/kafka-broker}
   * writes it when the benchmarks are packaged; relative to the working directory of {@code run.sh}.
   */
  public static final String BROKER_CLASSPATH_FILE =
      System.getProperty("bench.kafka.classpathFile", "benchmarks/kafka-broker/target/classpath.txt");

  private final SinkProcess sink; // null with transport=kafka
  private final KafkaBroker broker; // null with the HTTP transport
  private final Path workDir; // the broker's data and the spool with transport=kafka, else null
  private final TrackweaveRuntime runtime;
  private final AtomicLong sent = new AtomicLong();

  private TrackweaveClient(SinkProcess sink, KafkaBroker broker, Path workDir, TrackweaveRuntime runtime) {
    this.sink = sink;
    this.broker = broker;
    this.workDir = workDir;
    this.runtime = runtime;
  }

  /**
   * A runtime with default settings except those in {@code settings} (setting keys, e.g.
   * {@code rate.limit}); credentials are dummies, the endpoint is the sink.
   */
  public static TrackweaveClient start(Map<String, String> settings) {
    SinkProcess sink = SinkProcess.start();
    TrackweaveConfig.Builder config =
        TrackweaveConfig.builder()
            .siteId("bench-site")
            .apiKey("bench-key")
            .endpoint(sink.baseUrl())
            .name("bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
            .jmx(false);
    settings.forEach(config::set);
    return new TrackweaveClient(sink, null, null, install(config));
  }

  /**
   * A runtime with {@code transport=kafka} (trackweave-kafka's defaults: idempotent producer, {@code
   * acks=all}) publishing to {@link #TOPIC} on a broker started here, with default settings except those in
   * {@code settings}; no Customer.io credentials, as a producing service of a relay fleet has none. The
   * spool is on (the default) in a directory of this run's own.
   */
  public static TrackweaveClient startKafka(Map<String, String> settings) {
    Path workDir = null;
    KafkaBroker broker = null;
    try {
      workDir = Files.createTempDirectory("trackweave-bench-kafka");
      broker = KafkaBroker.start(workDir.resolve("broker"), 4, brokerClassPath());
      broker.createTopic(TOPIC, 4);
      TrackweaveConfig.Builder config =
          TrackweaveConfig.builder()
              .set("transport", "kafka")
              .set("kafka.bootstrap.servers", broker.bootstrapServers())
              .set("kafka.topic", TOPIC)
              .set("spool.dir", workDir.resolve("spool").toString())
              .name("bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
              .jmx(false);
      settings.forEach(config::set);
      return new TrackweaveClient(null, broker, workDir, install(config));
    } catch (IOException | RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      delete(workDir);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the broker", e);
    }
  }

  private static TrackweaveRuntime install(TrackweaveConfig.Builder config) {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config.build());
    // what generated mappers call; no shutdown hook is wanted here, so not installGlobally()
    Trackweave.install(runtime);
    return runtime;
  }

  private static String brokerClassPath() throws IOException {
    Path file = Path.of(BROKER_CLASSPATH_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("transport=kafka needs the broker's class path in " + file.toAbsolutePath()
          + ": build the benchmarks with benchmarks/run.sh (it packages benchmarks/kafka-broker), run from the"
          + " repository's root, or set -Dbench.kafka.classpathFile");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  /**
   * The whole caller-side work of one tracked order: the processor-generated mapper of
   * {@link CheckoutService#confirmPayment} (capture, plan checks) called directly, then the runtime's
   * track, which the mapper reaches through {@link Trackweave#tracker()}.
   */
  public void track(String customerId, Order order) {
    CheckoutService_confirmPayment_TrackweaveMapper.afterReturn(customerId, order, order);
  }

  /** Only the runtime's part: the capture was made beforehand. */
  public void trackCaptured(String customerId, Fields properties, String orderId) {
    runtime.track(Person.identified(IdentifierType.ID, customerId), EVENT, properties, Tracker.NOW, orderId);
  }

  /** Records that {@code calls} more calls were made; returns the total. */
  public long sent(long calls) {
    return sent.addAndGet(calls);
  }

  public long sent() {
    return sent.get();
  }

  /**
   * Flushes, then waits until {@code target} events were delivered (counted by the sink over HTTP;
   * acknowledged by the broker with transport=kafka); fails on any drop.
   */
  public void awaitDelivered(long target) {
    // flush waits for what was enqueued before it; its report's "pending" also counts calls another
    // benchmark thread made meanwhile, so the delivered count is what decides
    runtime.flush(Duration.ofSeconds(60));
    awaitCount(target);
  }

  /** Non-null when an event was dropped or rejected: then the awaited count can never be reached. */
  public String problem() {
    MetricsSnapshot m = runtime.metrics();
    if (m.dropped() > 0 || m.rejected() > 0) {
      return "Trackweave dropped " + m.droppedByReason() + " rejected " + m.rejectedByReason();
    }
    return null;
  }

  /** Waits until fewer than {@code window} events sent so far are still on their way. */
  public void awaitOutstandingBelow(long window) {
    long mustHave = sent.get() - window;
    if (mustHave > 0) {
      awaitCount(mustHave);
    }
  }

  private void awaitCount(long target) {
    if (sink != null) {
      sink.awaitEvents(SinkProcess.Client.TRACKWEAVE, target, 60_000, this::problem);
      return;
    }
    // the broker's acknowledgements, as the runtime counts them (delivered: from there the relay owns them)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long delivered;
    while ((delivered = runtime.metrics().delivered()) < target) {
      String problem = problem();
      if (problem != null) {
        throw new IllegalStateException(problem + " (broker acknowledged " + delivered + " of " + target + ")");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out waiting for " + target + " acknowledged events; the broker has " + delivered);
      }
      // a snapshot of the metrics per poll: 1 ms between them keeps that off the allocation figures
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** The HTTP sink, or null with transport=kafka. */
  public SinkProcess sink() {
    return sink;
  }

  public MetricsSnapshot metrics() {
    return runtime.metrics();
  }

  @Override
  public void close() {
    try {
      Trackweave.uninstall(runtime);
      runtime.close(Duration.ofSeconds(10));
    } finally {
      if (sink != null) {
        sink.close();
      }
      if (broker != null) {
        broker.close();
      }
      delete(workDir);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
