package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The senders' stop reads its deadlines on the pool's clock: a fake one, so no deadline waits out real time. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SenderPoolTest {
  private final AtomicLong now = new AtomicLong(-1_000_000_000L);
  private final Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
      new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
  private final OperationQueue queue = new OperationQueue(1 << 20, 1000, 1000, 1 << 20);

  /** A delivery stuck on a request that only an interrupt (the runtime closing) ends. */
  private static final class Stuck implements BatchDelivery {
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger interrupted = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void deliver(List<Operation> ops) {
      started.countDown();
      try {
        new CountDownLatch(1).await(); // a socket read that never answers
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void aStuckSenderIsInterruptedOnceTheInterruptDeadlineHasPassedOnTheClock() throws Exception {
    Stuck stuck = new Stuck();
    SenderPool pool = new SenderPool(1, "trackweave-sender-test-", () -> stuck,
        new Surrender(Overflow.DROP, queue, ledger), now::get);
    pool.start();
    pool.submit(List.of());
    assertThat(stuck.started.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicInteger cancelled = new AtomicInteger();
    // on the pool's clock the interrupt is due now; the final deadline is an hour away on it. A pool that
    // read the machine's clock instead would wait on these arbitrary numbers (or not at all)
    pool.stop(now.get(), now.get() + TimeUnit.HOURS.toNanos(1), cancelled::incrementAndGet);
    assertThat(stuck.interrupted.get()).isEqualTo(1);
    assertThat(cancelled.get()).as("in-flight requests aborted").isEqualTo(1);
    assertThat(stuck.closed.get()).as("the sender ended within the deadline: its delivery is closed").isTrue();
  }

  @Test
  void anIdleSenderEndsWithoutAnInterrupt() {
    Stuck stuck = new Stuck();
    SenderPool pool = new SenderPool(2, "trackweave-sender-test-", () -> stuck,
        new Surrender(Overflow.DROP, queue, ledger), now::get);
    pool.start();
    AtomicInteger cancelled = new AtomicInteger();
    pool.stop(now.get() + TimeUnit.HOURS.toNanos(1), now.get() + TimeUnit.HOURS.toNanos(2), cancelled::incrementAndGet);
    assertThat(cancelled.get()).as("each sender took its stop mark and ended: nothing to abort").isZero();
    assertThat(stuck.interrupted.get()).isZero();
  }
}
