package io.trackweave.agent.internal.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Trackweave;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuntimeStarterTest {
  @Test
  void anApplicationInstalledTrackerIsUsedInsteadOfStartingASecondRuntime() throws Exception {
    try (RecordingTracker appOwn = RecordingTracker.install()) {
      RuntimeStarter starter = new RuntimeStarter(Map.of());
      BufferingTracker buffer = new BufferingTracker(10, () -> {});
      starter.bind(buffer);
      buffer.track(Person.identified(IdentifierType.ID, "ana"), "held", Fields.EMPTY, 1L, null);
      Trackweave.install(appOwn); // the application installs its own runtime before the agent's starts

      starter.startOnce();

      assertThat(starter.awaitStarted(Duration.ofSeconds(10))).isTrue();
      assertThat(Trackweave.tracker()).isSameAs(appOwn);
      assertThat(appOwn.calls).extracting(RecordingTracker.Call::name).containsExactly("held");
    }
  }

  @Test
  void shutdownWhileTheStartPublishesTheRuntimeStillClosesItOnce() throws Exception {
    RecordingTracker runtime = RecordingTracker.install();
    runtime.close(); // only used as a target here, not as the global tracker
    CountDownLatch handedOver = new CountDownLatch(1);
    CountDownLatch publish = new CountDownLatch(1);
    AtomicInteger closes = new AtomicInteger();
    RuntimeStarter.Launch launch =
        (settings, buffer) -> {
          long dropped = buffer.handOver(runtime); // the buffer is empty from here on
          handedOver.countDown();
          awaitQuietly(publish); // ... but the runtime is not published yet
          return new RuntimeStarter.Launched() {
            @Override
            public long dropped() {
              return dropped;
            }

            @Override
            public void close() {
              closes.incrementAndGet();
            }
          };
        };
    RuntimeStarter starter = new RuntimeStarter(Map.of(), launch);
    BufferingTracker buffer = new BufferingTracker(10, () -> {});
    starter.bind(buffer);
    buffer.track(Person.identified(IdentifierType.ID, "ana"), "held", Fields.EMPTY, 1L, null);
    starter.startOnce();
    assertThat(handedOver.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(buffer.pendingCount()).isZero();

    Thread exit = new Thread(starter::onShutdown, "test-exit");
    exit.start();
    // let the exit hook reach its wait (or, wrongly, finish) before the start publishes the runtime
    while (exit.isAlive() && exit.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }
    publish.countDown();
    exit.join(TimeUnit.SECONDS.toMillis(20));

    assertThat(exit.isAlive()).isFalse();
    assertThat(closes).hasValue(1); // the handed-over call is flushed by that close
    assertThat(runtime.calls).extracting(RecordingTracker.Call::name).containsExactly("held");
  }

  @Test
  void theStartIsCompleteBeforeItsAnnouncementSoTheExitHookNeverWaitsForLogging() throws Exception {
    RecordingTracker runtime = RecordingTracker.install();
    runtime.close(); // only used as a target here
    CountDownLatch announcing = new CountDownLatch(1);
    CountDownLatch announceMayEnd = new CountDownLatch(1);
    AtomicInteger closes = new AtomicInteger();
    RuntimeStarter.Launch launch =
        (settings, buffer) -> {
          long dropped = buffer.handOver(runtime);
          return new RuntimeStarter.Launched() {
            @Override
            public long dropped() {
              return dropped;
            }

            @Override
            public void close() {
              closes.incrementAndGet();
            }

            @Override
            public void announce() {
              announcing.countDown();
              awaitQuietly(announceMayEnd); // a logging back end that takes its time to start
            }
          };
        };
    RuntimeStarter starter = new RuntimeStarter(Map.of(), launch);
    BufferingTracker buffer = new BufferingTracker(10, () -> {});
    starter.bind(buffer);
    buffer.track(Person.identified(IdentifierType.ID, "ana"), "held", Fields.EMPTY, 1L, null);
    starter.startOnce();
    try {
      assertThat(announcing.await(10, TimeUnit.SECONDS)).isTrue();
      // the announcement is still running: the start already counts as done, and the exit hook closes
      assertThat(starter.awaitStarted(Duration.ZERO)).isTrue();
      starter.onShutdown();
      assertThat(closes).hasValue(1);
      assertThat(runtime.calls).extracting(RecordingTracker.Call::name).containsExactly("held");
    } finally {
      announceMayEnd.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
