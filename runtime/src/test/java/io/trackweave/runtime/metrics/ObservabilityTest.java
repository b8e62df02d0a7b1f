package io.trackweave.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.DeliveryListener;
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
      assertThat(mbeans.isRegistered(name)).isTrue();
      assertThat(mbeans.isRegistered(suffixed)).isTrue();
      first.track(Person.identified(IdentifierType.ID, "1"), "viewed", Fields.EMPTY);
      first.flush(Duration.ofSeconds(10));
      assertThat(mbeans.getAttribute(name, "Delivered")).isEqualTo(1L);
      assertThat(mbeans.getAttribute(name, "Enqueued")).isEqualTo(1L);
      assertThat((Double) mbeans.getAttribute(name, "BatchLatencyMeanMillis")).isPositive();
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

  @Test
  void dropWarningsAreRateLimited() {
    AtomicLong now = new AtomicLong();
    DropWarning warning = new DropWarning(1000, now::get);
    // no clock movement: only the first drop may log; nothing here can throw or block
    for (int i = 0; i < 10_000; i++) {
      warning.dropped("queue_full", 1);
    }
    now.addAndGet(1000);
    warning.dropped("queue_full", 1);
  }
}
