package io.trackweave.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Many callers at once against a flaky server: exact counts, nothing lost, nothing doubled. */
class ConcurrencyTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final int THREADS = 8;
  static final int EVENTS_PER_THREAD = 3000;
  static final int SHARED_KEYS = 500;

  @Test
  void manyThreadsExactCountsNothingLostNothingDoubled() throws Exception {
    ConcurrentHashMap<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    AtomicLong requests = new AtomicLong();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (requests.incrementAndGet() % 5 == 0) {
          return TestSupport.status(503); // every fifth request fails and is retried with the same ids
        }
        JsonNode batch = TestSupport.json(request).get("batch");
        for (JsonNode item : batch) {
          accepted.computeIfAbsent(item.get("id").asText(), k -> new AtomicInteger()).incrementAndGet();
        }
        return TestSupport.ok();
      }
    });
    TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.config(server)
        .batchMaxOperations(250).senders(3).retryMaxAttempts(20).build());
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        Person person = Person.identified(IdentifierType.ID, "user-" + thread);
        for (int i = 0; i < EVENTS_PER_THREAD; i++) {
          Fields props = Fields.builder(2).put("thread", thread).put("i", i).build();
          runtime.track(person, "clicked", props, Tracker.NOW, null);
          if (i < SHARED_KEYS) {
            // every thread sends the same orders: exactly one of each may get through
            runtime.track(person, "order_completed", props, Tracker.NOW, "order-" + i);
          }
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    DeliveryReport report = runtime.close(Duration.ofSeconds(60));

    long unique = (long) THREADS * EVENTS_PER_THREAD + SHARED_KEYS;
    long duplicates = (long) (THREADS - 1) * SHARED_KEYS;
    assertThat(report).isEqualTo(new DeliveryReport(unique, 0, duplicates, 0));
    assertThat(accepted).hasSize((int) unique);
    assertThat(accepted.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    MetricsSnapshot m = runtime.metrics();
    assertThat(m.enqueued()).isEqualTo(unique);
    assertThat(m.droppedByReason()).containsOnlyKeys("duplicate");
    assertThat(m.retried()).isPositive();
    assertThat(m.queueOperations()).isZero();
    assertThat(m.queueBytes()).isZero();
  }
}
