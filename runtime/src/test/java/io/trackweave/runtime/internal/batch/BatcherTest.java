package io.trackweave.runtime.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The flush interval on a fake clock: a batch goes out when its oldest operation has waited the
 * interval on the batcher's clock, whatever wakes the thread in between. The real batching thread runs;
 * the test waits for its turns (counted by the housekeeping hook), never for time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatcherTest {
  private static final long INTERVAL = TimeUnit.SECONDS.toNanos(5);

  private final AtomicLong now = new AtomicLong(-3_000_000_000L); // nanoTime's origin is arbitrary
  private final OperationQueue queue = new OperationQueue(1 << 20, 1000, 1000, 1 << 20);
  private final LinkedBlockingQueue<List<Operation>> sent = new LinkedBlockingQueue<>();
  private final AtomicLong turns = new AtomicLong();
  private Batcher batcher;
  private Thread thread;

  private Batcher start(int maxOperations) {
    batcher = new Batcher(queue, Batcher.Sink.of(sent::add), () -> 0, maxOperations, 1 << 20, INTERVAL, now::get, () -> {
      synchronized (turns) {
        turns.incrementAndGet();
        turns.notifyAll();
      }
    });
    thread = batcher.start("trackweave-batcher-test");
    return batcher;
  }

  @AfterEach
  void stop() {
    if (batcher != null) {
      batcher.stop(now.get(), now.get() + TimeUnit.SECONDS.toNanos(10));
    }
  }

  private static Operation event(long seq) {
    return Operation.restore(Action.EVENT, Person.identified(IdentifierType.ID, "p"), null, "viewed",
        Fields.EMPTY, 1_700_000_000L, 0x0123_4567_89ABL << 16, seq, false, null, null, 100, null);
  }

  private void offer(int n) {
    for (int i = 0; i < n; i++) {
      assertThat(queue.offer(event(i))).isTrue();
    }
  }

  /**
   * Wakes the batching thread until it has finished two turns since this call: the second began after
   * it, so it saw everything done before (the queue, the clock). A wake-up is not a flush: the batcher
   * must decide from its clock alone.
   */
  private void turn() throws InterruptedException {
    long target = turns.get() + 2;
    synchronized (turns) {
      while (turns.get() < target) {
        LockSupport.unpark(thread);
        turns.wait(10); // a bound on each wait for the thread's notify, not a pause the logic depends on
      }
    }
  }

  private List<List<Operation>> taken() {
    List<List<Operation>> out = new java.util.ArrayList<>();
    sent.drainTo(out);
    return out;
  }

  @Test
  void aBatchWaitsForTheIntervalOnTheClockNotForWakeUps() throws Exception {
    start(100);
    offer(3);
    turn();
    assertThat(taken()).isEmpty();
    assertThat(queue.isEmpty()).as("taken into the pending batch").isTrue();
    now.addAndGet(INTERVAL - 1);
    turn();
    assertThat(taken()).as("a nanosecond early").isEmpty();
    now.addAndGet(1);
    turn();
    assertThat(taken()).singleElement().satisfies(batch -> assertThat(batch).hasSize(3));
  }

  @Test
  void theIntervalRunsFromTheOldestWaitingOperation() throws Exception {
    start(100);
    offer(1);
    turn();
    now.addAndGet(INTERVAL / 2);
    offer(1); // a later operation does not restart the wait
    turn();
    assertThat(taken()).isEmpty();
    now.addAndGet(INTERVAL - INTERVAL / 2);
    turn();
    assertThat(taken()).singleElement().satisfies(batch -> assertThat(batch).hasSize(2));
    now.addAndGet(Duration.ofDays(1).toNanos());
    turn();
    assertThat(taken()).as("nothing waits: nothing is sent").isEmpty();
  }

  @Test
  void aFullBatchGoesAtOnceAndAFlushDoesNotWaitForTheInterval() throws Exception {
    start(2);
    offer(5);
    turn();
    assertThat(taken()).extracting(List::size).containsExactly(2, 2);
    batcher.requestFlush();
    turn();
    assertThat(taken()).extracting(List::size).containsExactly(1);
  }

  @Test
  void stopHandsOnWhatIsWaiting() throws Exception {
    start(100);
    offer(4);
    turn();
    List<Operation> left = batcher.stop(now.get() + TimeUnit.SECONDS.toNanos(10),
        now.get() + TimeUnit.SECONDS.toNanos(10));
    batcher = null;
    assertThat(left).isEmpty();
    assertThat(taken()).singleElement().satisfies(batch -> assertThat(batch).hasSize(4));
    assertThat(thread.isAlive()).isFalse();
  }
}
