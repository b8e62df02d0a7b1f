package io.trackweave.runtime.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import io.trackweave.runtime.internal.send.BatchDelivery;
import io.trackweave.runtime.internal.send.SenderPool;
import io.trackweave.runtime.internal.send.Surrender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The memory bound (issue 9): with a disk spool, a batch that no sender takes within the bound on the
 * batcher's clock goes to the spool with the batches waiting in the hand-off, oldest first, and the
 * queued calls behind it follow (the divert path), so a kill while Customer.io does not answer finds
 * them on disk. While a sender is on an older batch the bound waits for that batch's outcome instead (a
 * failed request spills it first, so the spool replays a person's calls in order). The real batching
 * thread and the real sender pool run, with one sender still building its client, or stuck on a request
 * that never answers; the clock is a fake one the test moves, and the test waits for the threads'
 * turns, never for time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatcherMemoryBoundTest {
  private static final long BOUND = TimeUnit.SECONDS.toNanos(1);
  private static final long INTERVAL = TimeUnit.SECONDS.toNanos(5);

  private final AtomicLong now = new AtomicLong(-7_000_000_000L); // nanoTime's origin is arbitrary
  private final OperationQueue queue = new OperationQueue(1 << 20, 1000, 1000, 1 << 20);
  private final Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
      new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
  /** What the spool took, in the order it took it: stalled batches, then diverted calls. */
  private final List<Long> spooled = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean backlog = new AtomicBoolean();
  private final AtomicInteger stalls = new AtomicInteger();
  private final AtomicInteger offers = new AtomicInteger();
  private final AtomicLong turns = new AtomicLong();
  private final List<List<Operation>> delivered = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch stuck = new CountDownLatch(1);
  private final CountDownLatch starting = new CountDownLatch(1);

  /** The one sender: still building its client (as the HTTP client loads on a cold JVM), stuck on a request, or working. */
  private enum Sender {
    STARTING, HANGS, WORKS
  }
  private SenderPool pool;
  private Batcher batcher;
  private Thread thread;

  /** One sender, as {@code sender} says; a stuck one's first request never answers (until the test ends). */
  private void start(Sender sender) {
    boolean hangs = sender == Sender.HANGS;
    BatchDelivery delivery = ops -> {
      if (hangs) {
        stuck.countDown();
        try {
          release.await(); // a server that took the connection and never answers
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      delivered.add(ops);
    };
    pool = new SenderPool(1, "trackweave-sender-bound-test-", () -> {
      if (sender == Sender.STARTING) {
        starting.countDown();
        try {
          release.await(); // the sender thread is still building its client: it takes no batch
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delivery;
    }, new Surrender(Overflow.DROP, queue, ledger), now::get);
    Batcher.Sink sink = new Batcher.Sink() {
      @Override
      public boolean offer(List<Operation> batch, long timeoutNanos) throws InterruptedException {
        offers.incrementAndGet();
        return pool.offer(batch, timeoutNanos);
      }

      @Override
      public OptionalLong oldestWaitingSince() {
        return pool.oldestWaitingSince();
      }

      @Override
      public List<List<Operation>> reclaim() {
        return pool.reclaim();
      }

      @Override
      public boolean delivering() {
        return pool.delivering();
      }
    };
    batcher = new Batcher(queue, sink, () -> 0, 2, 1 << 20, INTERVAL, now::get, () -> {
      synchronized (turns) {
        turns.incrementAndGet();
        turns.notifyAll();
      }
    });
    // as the runtime does with a disk spool: the stalled batches begin the backlog, the queue follows
    batcher.spillAfter(BOUND, ops -> {
      stalls.incrementAndGet();
      ops.forEach(op -> spooled.add(op.idLow()));
      backlog.set(true);
    });
    batcher.divertWhile(op -> {
      if (!backlog.get()) {
        return false;
      }
      spooled.add(op.idLow());
      return true;
    });
    pool.start();
    thread = batcher.start("trackweave-batcher-bound-test");
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (batcher != null) {
      batcher.stop(now.get(), now.get() + TimeUnit.SECONDS.toNanos(10));
    }
    if (pool != null) {
      pool.stop(now.get(), now.get() + TimeUnit.SECONDS.toNanos(10), () -> {});
    }
  }

  private static Operation event(long seq) {
    return Operation.restore(Action.EVENT, Person.identified(IdentifierType.ID, "p"), null, "viewed",
        Fields.EMPTY, 1_700_000_000L, 0x0123_4567_89ABL << 16, seq, false, null, null, 100, null);
  }

  /** Queues calls and wakes the batching thread (the queue wakes it only every 1000). */
  private void offer(long from, long to) {
    for (long i = from; i < to; i++) {
      assertThat(queue.offer(event(i))).isTrue();
    }
    LockSupport.unpark(thread);
  }

  /** Waits (bounded) for what the threads do; the condition, not the time, ends it. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("timed out").isNegative();
      Thread.sleep(5); // a poll interval for another thread's progress, not a wait the logic depends on
    }
  }

  /** Wakes the batching thread until it has finished two turns since this call. */
  private void turn() throws InterruptedException {
    long target = turns.get() + 2;
    synchronized (turns) {
      while (turns.get() < target) {
        LockSupport.unpark(thread);
        turns.wait(10);
      }
    }
  }

  @Test
  void aBatchNoSenderTakesWithinTheBoundGoesToTheSpoolWithTheHandOffAndTheQueueFollowsInOrder() throws Exception {
    start(Sender.STARTING);
    assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
    offer(0, 2); // a full batch: the hand-off's one place, the sender still builds its client
    await(() -> pool.oldestWaitingSince().isPresent());
    offer(2, 4); // no room: the batching thread waits with it
    offer(4, 7); // queued behind it
    await(() -> offers.get() >= 3);

    now.addAndGet(BOUND - 1);
    int seen = offers.get();
    await(() -> offers.get() >= seen + 2); // it read the clock again, a nanosecond early
    assertThat(spooled).as("a nanosecond early").isEmpty();
    assertThat(stalls).hasValue(0);

    now.addAndGet(1);
    await(() -> spooled.size() >= 7);
    // the hand-off's batch, then the one that found no room, then the queue behind them: capture order
    assertThat(spooled).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(stalls).hasValue(1);
    assertThat(pool.oldestWaitingSince()).as("nothing waits for a sender in memory").isEmpty();
    assertThat(delivered).isEmpty();
  }

  @Test
  void whileTheSenderIsOnAnOlderBatchTheBoundWaitsForItsOutcomeSoTheOrderHolds() throws Exception {
    start(Sender.HANGS);
    offer(0, 2); // a full batch: the one sender takes it and hangs
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    offer(2, 4); // the hand-off's one place
    await(() -> pool.oldestWaitingSince().isPresent());
    offer(4, 6); // no room: the batching thread waits with it
    await(() -> offers.get() >= 3);

    now.addAndGet(10 * BOUND);
    int seen = offers.get();
    await(() -> offers.get() >= seen + 3); // several looks at the clock, far past the bound
    // spilling 2..5 now would put them in the spool ahead of 0..1 should that request fail
    assertThat(spooled).isEmpty();
    assertThat(stalls).hasValue(0);

    release.countDown(); // the request answers
    await(() -> delivered.size() >= 3);
    assertThat(delivered.stream().map(b -> b.stream().map(Operation::idLow).toList()).toList())
        .containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L, 5L));
    assertThat(spooled).isEmpty();
  }

  @Test
  void aBatchWaitingInTheHandOffPastTheBoundGoesToTheSpoolWhenNothingElseIsSent() throws Exception {
    start(Sender.STARTING);
    assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
    offer(0, 1); // less than a batch: handed on when the interval ends, then waits in the hand-off
    turn();
    now.addAndGet(INTERVAL);
    turn();
    assertThat(pool.oldestWaitingSince()).isPresent();
    now.addAndGet(BOUND - 1);
    turn();
    assertThat(spooled).as("a nanosecond early").isEmpty();
    now.addAndGet(1);
    turn();
    assertThat(spooled).containsExactly(0L);
    assertThat(pool.oldestWaitingSince()).isEmpty();
  }

  @Test
  void aWorkingSenderKeepsEverythingInMemoryHoweverLongTheClockRuns() throws Exception {
    start(Sender.WORKS);
    for (int round = 0; round < 5; round++) {
      int before = delivered.size();
      offer(round * 3L, round * 3L + 3); // a full batch and one that waits for the interval
      await(() -> delivered.size() >= before + 1);
      // the last call in the batcher's pending batch before the clock moves (polled after it, its
      // interval would start after the move, and nothing here moves the clock again)
      await(queue::isEmpty);
      now.addAndGet(INTERVAL + 10 * BOUND);
      turn();
      await(() -> delivered.size() >= before + 2);
      now.addAndGet(10 * BOUND);
      turn();
    }
    assertThat(spooled).isEmpty();
    assertThat(stalls).hasValue(0);
    assertThat(delivered.stream().mapToInt(List::size).sum()).isEqualTo(15);
  }
}
