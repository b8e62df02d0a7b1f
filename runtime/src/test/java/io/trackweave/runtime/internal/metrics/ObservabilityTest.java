package io.trackweave.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.DeliveryListener;
import io.trackweave.runtime.LogRecorder;
import io.trackweave.runtime.TestSupport;
import io.trackweave.runtime.TrackweaveRuntime;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ObservabilityTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void theMBeanShowsTheCountersAndDuplicateNamesAreTolerated() throws Exception {
    server.enqueue(TestSupport.ok());
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    TrackweaveRuntime first = TrackweaveRuntime.create(TestSupport.config(server).jmx(true).name("jmx-test").build());
    TrackweaveRuntime second = TrackweaveRuntime.create(TestSupport.config(server).jmx(true).name("jmx-test").build());
    try {
      ObjectName name = new ObjectName("io.trackweave:type=Runtime,name=\"jmx-test\"");
      ObjectName suffixed = new ObjectName("io.trackweave:type=Runtime,name=\"jmx-test-2\"");
      // registered by each runtime's batching thread, off the thread that creates it
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!(mbeans.isRegistered(name) && mbeans.isRegistered(suffixed)) && System.nanoTime() - until < 0) {
        Thread.sleep(10);
      }
      assertThat(mbeans.isRegistered(name)).isTrue();
      assertThat(mbeans.isRegistered(suffixed)).isTrue();
      first.track(Person.identified(IdentifierType.ID, "1"), "viewed", Fields.EMPTY);
      first.flush(Duration.ofSeconds(10));
      // the two batching threads register concurrently: either may hold the plain name
      ObjectName firsts = mbeans.getAttribute(name, "Enqueued").equals(1L) ? name : suffixed;
      ObjectName seconds = firsts == name ? suffixed : name;
      assertThat(mbeans.getAttribute(firsts, "Delivered")).isEqualTo(1L);
      assertThat(mbeans.getAttribute(firsts, "Enqueued")).isEqualTo(1L);
      assertThat((Double) mbeans.getAttribute(firsts, "BatchLatencyMeanMillis")).isPositive();
      assertThat(mbeans.getAttribute(seconds, "Enqueued")).isEqualTo(0L);
    } finally {
      first.close(Duration.ofSeconds(5));
      second.close(Duration.ofSeconds(5));
    }
    assertThat(mbeans.queryNames(new ObjectName("io.trackweave:type=Runtime,name=\"jmx-test*\""), null)).isEmpty();
  }

  @Test
  void theListenerHearsDeliveriesDropsAndRetries() throws Exception {
    server.enqueue(TestSupport.status(500));
    server.enqueue(TestSupport.ok());
    AtomicLong delivered = new AtomicLong();
    List<String> events = new CopyOnWriteArrayList<>();
    DeliveryListener listener = new DeliveryListener() {
      @Override
      public void delivered(int operations) {
        delivered.addAndGet(operations);
      }

      @Override
      public void dropped(String reason, int operations) {
        events.add("dropped " + reason + " " + operations);
      }

      @Override
      public void retried(int operations, String cause) {
        events.add("retried " + operations + " " + cause);
        throw new IllegalStateException("a broken listener must not break delivery");
      }
    };
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.config(server).listener(listener).build())) {
      Person p = Person.identified(IdentifierType.ID, "1");
      runtime.track(p, "paid", Fields.EMPTY, io.trackweave.api.Tracker.NOW, "k");
      runtime.track(p, "paid", Fields.EMPTY, io.trackweave.api.Tracker.NOW, "k");
      assertThat(runtime.flush(Duration.ofSeconds(10)).delivered()).isEqualTo(1);
    }
    assertThat(delivered).hasValue(1);
    assertThat(events).containsExactly("dropped duplicate 1", "retried 1 HTTP 500");
  }

  /** What a {@link LogSink} was given, as "LEVEL message". */
  static final class RecordingSink implements LogSink {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(System.Logger.Level level, String message) {
      lines.add(level + " " + message);
    }
  }

  @Test
  void dropWarningsAreCountedByCallersAndRateLimitedWhenEmitted() {
    AtomicLong now = new AtomicLong(1_000_000);
    RecordingSink sink = new RecordingSink();
    DropWarning warning = new DropWarning(1000, now::get, sink);
    for (int i = 0; i < 10_000; i++) {
      warning.dropped("queue_full", 1);
    }
    assertThat(sink.lines).isEmpty(); // counting never logs: that is the caller's side
    warning.emit();
    warning.emit();
    assertThat(sink.lines).containsExactly(
        "WARNING Trackweave dropped 10000 call(s) (latest reason: queue_full); see the runtime's metrics for counts by reason");
    sink.lines.clear();

    warning.dropped("spool_full", 5);
    warning.emit(); // within the period: nothing yet
    now.addAndGet(999);
    warning.emit();
    assertThat(sink.lines).isEmpty();
    now.addAndGet(1);
    warning.emit();
    assertThat(sink.lines).containsExactly(
        "WARNING Trackweave dropped 5 call(s) (latest reason: spool_full); see the runtime's metrics for counts by reason");
    sink.lines.clear();

    now.addAndGet(5000);
    warning.emit(); // nothing dropped since: nothing to say
    warning.dropped("duplicate", 3); // expected with dedupe keys: DEBUG only
    warning.emit();
    assertThat(sink.lines).containsExactly(
        "DEBUG Trackweave: 3 in-process duplicate(s) (same dedupe key) not sent again");
    sink.lines.clear();

    warning.dropped("shutdown", 2); // not due (a warning just went out), but closing says it anyway
    warning.emitNow();
    assertThat(sink.lines).containsExactly(
        "WARNING Trackweave dropped 2 call(s) (latest reason: shutdown); see the runtime's metrics for counts by reason");
  }

  @Test
  void violationsAreSummarisedWithTheLatestAtALimitedRate() {
    AtomicLong now = new AtomicLong();
    RecordingSink sink = new RecordingSink();
    ViolationWarning warning = new ViolationWarning(1000, now::get, sink);
    warning.violation("order_completed", "revenue", "required property is null");
    warning.violation("order_completed", "currency", "not one of [EUR, USD]");
    assertThat(sink.lines).isEmpty();
    warning.emit();
    warning.violation("signed_up", "plan", "not a string");
    warning.emit();
    assertThat(sink.lines).containsExactly("WARNING Trackweave: 2 tracking plan violation(s); latest:"
        + " order_completed.currency: not one of [EUR, USD] (the calls were still sent; see the runtime's violations metric)");
    now.addAndGet(1000);
    warning.emit();
    assertThat(sink.lines).hasSize(2);
    assertThat(sink.lines.get(1)).startsWith("WARNING Trackweave: 1 tracking plan violation(s); latest: signed_up.plan: not a string");
  }

  @Test
  void theCallersThreadNeverLogsTheBatcherWarnsForIt() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) throws InterruptedException {
        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        return TestSupport.ok();
      }
    });
    String caller = Thread.currentThread().getName();
    try (LogRecorder log = LogRecorder.runtime();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(
            TestSupport.config(server).queueMaxOperations(2).senders(1).build())) {
      Person p = Person.identified(IdentifierType.ID, "1");
      for (int i = 0; i < 20; i++) {
        runtime.track(p, "viewed", Fields.EMPTY); // the queue holds 2: the rest are queue_full
      }
      runtime.violation("order_completed", "revenue", "required property is null");
      runtime.track(p, "paid", Fields.EMPTY, io.trackweave.api.Tracker.NOW, "k");
      runtime.track(p, "paid", Fields.EMPTY, io.trackweave.api.Tracker.NOW, "k");
      assertThat(log.entries).noneMatch(e -> e.thread().equals(caller));
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (log.at(java.util.logging.Level.WARNING).size() < 2 && System.nanoTime() - until < 0) {
        Thread.sleep(10);
      }
      release.countDown();
      List<LogRecorder.Entry> warnings = log.at(java.util.logging.Level.WARNING);
      assertThat(warnings).anySatisfy(e -> assertThat(e.message()).contains("dropped").contains("queue_full"));
      assertThat(warnings).anySatisfy(e -> assertThat(e.message())
          .contains("1 tracking plan violation(s); latest: order_completed.revenue: required property is null"));
      assertThat(warnings).allSatisfy(e -> assertThat(e.thread()).isEqualTo("trackweave-batcher-test"));
      assertThat(warnings).noneSatisfy(e -> assertThat(e.message()).contains("duplicate"));
      assertThat(runtime.metrics().violations()).isEqualTo(1);
    }
  }
}
