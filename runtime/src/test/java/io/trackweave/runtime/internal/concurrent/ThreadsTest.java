package io.trackweave.runtime.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadsTest {
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  @Test
  void aDeadlineThatHasPassedOnTheClockDoesNotWait() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = running(release);
    try {
      long now = 5_000;
      Threads.joinUntil(worker, now, () -> now); // due now: not a moment of waiting
      Threads.joinUntil(worker, now - HOUR, () -> now);
      assertThat(worker.isAlive()).isTrue();
    } finally {
      release.countDown();
      worker.join();
    }
  }

  @Test
  void aThreadThatEndsEndsTheWait() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = running(release);
    release.countDown();
    Threads.joinUntil(worker, HOUR, () -> 0); // an hour on the clock, but the thread ends at once
    assertThat(worker.isAlive()).isFalse();
  }

  @Test
  void anInterruptEndsTheWaitAndStaysSet() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = running(release);
    try {
      Thread.currentThread().interrupt();
      Threads.join(worker, HOUR);
      assertThat(Thread.interrupted()).as("still set for the caller to see").isTrue();
      assertThat(worker.isAlive()).isTrue();
    } finally {
      release.countDown();
      worker.join();
    }
  }

  private static Thread running(CountDownLatch release) {
    Thread t = new Thread(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "threads-test-worker");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
