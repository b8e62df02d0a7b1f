package io.trackweave.agent.internal.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferingTrackerTest {
  private static final Person ANA = Person.identified(IdentifierType.ID, "ana");

  @Test
  void holdsCallsInOrderUntilHandOverThenForwards() {
    AtomicInteger starts = new AtomicInteger();
    BufferingTracker buffer = new BufferingTracker(10, starts::incrementAndGet);
    buffer.identify(ANA, Fields.EMPTY, false);
    buffer.track(ANA, "a", Fields.EMPTY, 123L, "k");
    buffer.track(ANA, "b", Fields.EMPTY, Tracker.NOW, null);
    assertThat(starts).hasValue(1); // the first call asks for the runtime, once
    assertThat(buffer.pendingCount()).isEqualTo(3);

    try (RecordingTracker target = RecordingTracker.install()) {
      Trackweave.install(buffer); // the recorder only receives what the buffer hands over
      long before = System.currentTimeMillis() / 1000;
      assertThat(buffer.handOver(target)).isZero();
      buffer.track(ANA, "c", Fields.EMPTY, Tracker.NOW, null);

      assertThat(target.calls).extracting(RecordingTracker.Call::name).containsExactly(null, "a", "b", "c");
      assertThat(target.calls.get(1).timestamp()).isEqualTo(123L);
      // a held call keeps the time it was made, not the time of its replay
      assertThat(target.calls.get(2).timestamp()).isBetween(before - 5, before);
      assertThat(target.calls.get(3).timestamp()).isEqualTo(Tracker.NOW);
      assertThat(buffer.pendingCount()).isZero();
    }
  }

  @Test
  void forwardsEveryCallATrackerTakes() {
    // Tracker's newer calls are default no-ops: a wrapper that does not override one drops it silently
    for (java.lang.reflect.Method m : Tracker.class.getMethods()) {
      if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      assertThat(org.assertj.core.api.Assertions.catchThrowable(
              () -> BufferingTracker.class.getDeclaredMethod(m.getName(), m.getParameterTypes())))
          .as("BufferingTracker overrides " + m).isNull();
    }
  }

  @Test
  void holdsObjectCallsAndReplaysThemInOrder() {
    BufferingTracker buffer = new BufferingTracker(10, () -> {});
    ObjectRef acme = ObjectRef.of("1", "acme");
    buffer.identifyObject(acme, Fields.EMPTY, ANA);
    buffer.relate(ANA, acme, Fields.EMPTY, false);
    buffer.deleteObject(acme);
    assertThat(buffer.pendingCount()).isEqualTo(3);
    List<String> seen = new CopyOnWriteArrayList<>();
    Tracker target = new Tracker() {
      @Override
      public void identify(Person person, Fields attributes, boolean updateOnly) {}

      @Override
      public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {}

      @Override
      public void identifyObject(ObjectRef object, Fields attributes, Person person) {
        seen.add("identify " + object.id() + " " + person.id());
      }

      @Override
      public void deleteObject(ObjectRef object) {
        seen.add("delete " + object.id());
      }

      @Override
      public void relate(Person person, ObjectRef object, Fields attributes, boolean related) {
        seen.add((related ? "relate " : "unrelate ") + person.id() + " " + object.id());
      }
    };
    buffer.handOver(target);
    buffer.deleteObject(ObjectRef.of("1", "globex")); // after the hand-over: forwarded at once
    assertThat(seen).containsExactly("identify acme ana", "unrelate ana acme", "delete acme", "delete globex");
  }

  @Test
  void boundedAndCountsWhatItDrops() {
    BufferingTracker buffer = new BufferingTracker(2, () -> {});
    for (int i = 0; i < 5; i++) {
      buffer.track(ANA, "e" + i, Fields.EMPTY, 1L, null);
    }
    assertThat(buffer.pendingCount()).isEqualTo(2);
    assertThat(buffer.handOver(Tracker.NOOP)).isEqualTo(3);
  }

  @Test
  void callersNeverWaitForTheReplayAndKeepTheirOrder() throws Exception {
    BufferingTracker buffer = new BufferingTracker(10, () -> {});
    buffer.track(ANA, "held-1", Fields.EMPTY, 1L, null);
    buffer.track(ANA, "held-2", Fields.EMPTY, 1L, null);
    CountDownLatch replaying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> received = new CopyOnWriteArrayList<>();
    Tracker slowRuntime =
        new Tracker() {
          @Override
          public void identify(Person person, Fields attributes, boolean updateOnly) {}

          @Override
          public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
            received.add(event);
            if (event.equals("held-1")) {
              replaying.countDown();
              await(release); // the replay is stuck inside the runtime
            }
          }
        };
    // own threads: the common pool may have a single worker on 2 cores, which the stuck replay would hold
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CompletableFuture<Long> handOver = CompletableFuture.supplyAsync(() -> buffer.handOver(slowRuntime), threads);
    assertThat(replaying.await(10, TimeUnit.SECONDS)).isTrue();

    // a business thread calls while the replay is in progress: it must not block on it
    CompletableFuture<Void> business =
        CompletableFuture.runAsync(() -> buffer.track(ANA, "during", Fields.EMPTY, 1L, null), threads);
    try {
      business.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
    }
    assertThat(handOver.get(10, TimeUnit.SECONDS)).isZero();
    threads.shutdown();
    buffer.track(ANA, "after", Fields.EMPTY, 1L, null);

    assertThat(received).containsExactly("held-1", "held-2", "during", "after");
    assertThat(buffer.pendingCount()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
