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

  @Test
  void aBatchHandedOnBeforeTheSpoolHeldABacklogJoinsItInsteadOfOvertakingIt() throws Exception {
    List<Long> spooled = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    List<Long> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Overflow backlogged = new Overflow() {
      @Override
      public boolean offerWhenFull(Operation op) {
        return false;
      }

      @Override
      public boolean offerUndeliverable(List<Operation> ops) {
        ops.forEach(op -> spooled.add(op.idLow()));
        return true;
      }

      @Override
      public boolean backlogged() {
        return true; // calls Customer.io could not take wait in the spool
      }
    };
    SenderPool pool = new SenderPool(1, "trackweave-sender-backlog-test-", () -> ops -> ops.forEach(op -> sent.add(op.idLow())),
        new Surrender(backlogged, queue, ledger), now::get);
    pool.start();
    try {
      pool.submit(List.of(op(1, null), op(2, null))); // captured calls: behind the backlog
      pool.submit(List.of(op(3, () -> {}))); // the spool's own replay: sent
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((spooled.size() < 2 || sent.isEmpty()) && System.nanoTime() - end < 0) {
        Thread.sleep(5);
      }
    } finally {
      pool.stop(now.get(), now.get() + TimeUnit.SECONDS.toNanos(5), () -> {});
    }
    assertThat(spooled).containsExactly(1L, 2L);
    assertThat(sent).containsExactly(3L);
  }

  private static Operation op(long seq, Operation.Receipt receipt) {
    return Operation.restore(io.trackweave.runtime.internal.operation.Action.EVENT,
        io.trackweave.api.Person.identified(io.trackweave.api.IdentifierType.ID, "p"), null, "viewed",
        io.trackweave.api.Fields.EMPTY, 1_700_000_000L, 1L, seq, false, null, null, 100, receipt);
  }
}
