package io.trackweave.runtime.internal.batch;

import io.trackweave.runtime.internal.concurrent.Threads;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The batching thread ({@code trackweave-batcher}, a daemon): moves waiting operations into batches
 * and hands each one on when it holds {@code maxOperations} operations or about {@code maxBytes}, when
 * its oldest operation has waited {@code interval}, or at once on a flush. Callers wake it when a
 * batch's worth is waiting; otherwise it sleeps until the interval is due. Each turn of its loop also
 * runs the housekeeping task (the rate-limited warnings), so logging happens here, never on a caller's
 * thread. With a disk spool, a batch waits for a sender only a bounded time ({@link #spillAfter}).
 */
public final class Batcher implements Runnable {
  /** Where finished batches go (the sender pool's hand-off). */
  public interface Sink {
    /**
     * Hands {@code batch} on, waiting at most {@code timeoutNanos} (real time) for room; false when
     * there was none, and then nothing was handed on.
     */
    boolean offer(List<Operation> batch, long timeoutNanos) throws InterruptedException;

    /**
     * When (on the batcher's clock) the oldest batch handed on that no sender has taken yet was
     * handed on; empty when there is none.
     */
    default OptionalLong oldestWaitingSince() {
      return OptionalLong.empty();
    }

    /** Takes back the batches handed on that no sender has taken yet, oldest first. */
    default List<List<Operation>> reclaim() {
      return List.of();
    }

    /**
     * Whether a sender is on a batch right now. The memory bound waits while one is: that batch is older
     * than every batch waiting, and if its request fails it goes to the spool first (a never-answered one
     * is cancelled), so spilling the newer batches ahead of it would replay a person's calls out of order.
     */
    default boolean delivering() {
      return false;
    }

    /** A sink that takes every batch at once (a test's, or one with a hand-off of its own). */
    static Sink of(Consumer<List<Operation>> into) {
      return (batch, timeoutNanos) -> {
        into.accept(batch);
        return true;
      };
    }
  }

  /**
   * Takes operations that waited for a sender past the memory bound (to the spool), oldest first, in
   * capture order; they have left the batching path.
   */
  @FunctionalInterface
  public interface Stalled {
    void spill(List<Operation> oldestFirst);
  }

  /**
   * How long the batching thread waits in one go for room in the hand-off before it reads its clock
   * again, so the memory bound holds on the injected clock, not only on the real one.
   */
  private static final long HAND_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Replays spilled operations when there is room (the overflow's seam); returns how many. */
  @FunctionalInterface
  public interface Replay {
    int replay();
  }

  /** Takes an operation off the batching path (to the spool, behind its backlog); true when taken. */
  @FunctionalInterface
  public interface Divert {
    boolean divert(Operation op);

    Divert NEVER = new Never(); // a class, not a lambda: the runtime's start spins none

    /** Diverts nothing. */
    final class Never implements Divert {
      @Override
      public boolean divert(Operation op) {
        return false;
      }
    }
  }

  private final OperationQueue queue;
  private final Sink sink;
  private volatile Divert divert = Divert.NEVER;
  private volatile Stalled stalled;
  private volatile long stallBoundNanos = Long.MAX_VALUE;
  private final Replay replay;
  private final int maxOperations;
  private final long maxBytes;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Runnable housekeeping;
  private final AtomicLong flushRequested = new AtomicLong();
  private volatile long flushHandled;
  private volatile boolean stopping;
  private volatile Thread thread;
  private List<Operation> abandoned = List.of();

  public Batcher(OperationQueue queue, Sink sink, Replay replay, int maxOperations, long maxBytes,
      long intervalNanos, LongSupplier nanoClock, Runnable housekeeping) {
    this.queue = queue;
    this.sink = sink;
    this.replay = replay;
    this.maxOperations = maxOperations;
    this.maxBytes = maxBytes;
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
    this.housekeeping = housekeeping;
  }

  /** Before it is started: operations {@code divert} takes are not batched. */
  public void divertWhile(Divert divert) {
    this.divert = divert;
  }

  /**
   * Before it is started (with a disk spool): bounds how long a batch waits in memory for a sender.
   * When a finished batch finds no room in the hand-off for {@code boundNanos} on the batcher's clock,
   * or a batch in the hand-off has waited that long without a sender taking it (every sender stuck on
   * a request Customer.io does not answer, or still starting), the batches no sender has taken and
   * this one go to {@code stalled}, oldest first. That starts the spool's backlog, so the queued calls
   * behind them follow them there ({@link #divertWhile}) instead of waiting in memory, where a kill
   * would lose them.
   */
  public void spillAfter(long boundNanos, Stalled stalled) {
    this.stallBoundNanos = Math.max(1, boundNanos);
    this.stalled = stalled;
  }

  public Thread start(String name) {
    Thread t = new Thread(this, name);
    t.setDaemon(true);
    thread = t;
    queue.consumer(t);
    t.start();
    return t;
  }

  /** Asks for everything waiting now to be sent without waiting for the interval. */
  public void requestFlush() {
    flushRequested.incrementAndGet();
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * Stops after handing on what is waiting, until {@code interruptAt} (on the batcher's clock);
   * then the thread is interrupted and waited for until {@code deadline}. Returns the operations it
   * could not hand on. Never waits past {@code deadline}: if the thread is still running then, what it
   * holds stays pending in the books.
   */
  public List<Operation> stop(long interruptAt, long deadline) {
    stopping = true;
    Thread t = thread;
    if (t == null) {
      return List.of();
    }
    LockSupport.unpark(t);
    Threads.joinUntil(t, interruptAt, nanoClock);
    if (t.isAlive()) {
      t.interrupt();
      Threads.joinUntil(t, deadline, nanoClock);
    }
    List<Operation> left = new ArrayList<>(t.isAlive() ? List.of() : abandoned);
    Operation op;
    while ((op = queue.poll()) != null) {
      left.add(op);
    }
    return left;
  }

  @Override
  public void run() {
    List<Operation> pending = new ArrayList<>();
    long pendingBytes = 0;
    long pendingSince = 0;
    try {
      while (true) {
        long flushing = flushRequested.get();
        boolean stop = stopping;
        Operation op;
        Divert d = divert;
        while ((op = queue.poll()) != null) {
          if (d.divert(op)) {
            continue;
          }
          if (pending.isEmpty()) {
            pendingSince = nanoClock.getAsLong();
          }
          pending.add(op);
          pendingBytes += op.estimatedBytes();
          if (pending.size() >= maxOperations || pendingBytes >= maxBytes) {
            hand(pending);
            pending = new ArrayList<>();
            pendingBytes = 0;
          }
        }
        boolean due = !pending.isEmpty() && nanoClock.getAsLong() - pendingSince >= intervalNanos;
        if (!pending.isEmpty() && (due || stop || flushing > flushHandled)) {
          hand(pending);
          pending = new ArrayList<>();
          pendingBytes = 0;
        }
        flushHandled = flushing;
        if (stop) {
          return;
        }
        if (untilStalled() <= 0 && !sink.delivering()) {
          spillStalled(List.of()); // only the hand-off waited: the batches there go, none of pending
        }
        if (queue.hasRoom()) {
          replay.replay();
        }
        try {
          housekeeping.run();
        } catch (RuntimeException e) {
          // a warning that cannot be written is no reason to stop batching
        }
        if (!queue.isEmpty() || flushRequested.get() > flushHandled) {
          continue;
        }
        long wait = pending.isEmpty() ? intervalNanos : pendingSince + intervalNanos - nanoClock.getAsLong();
        wait = Math.min(wait, untilStalled());
        if (wait > 0) {
          LockSupport.parkNanos(this, wait);
        }
      }
    } catch (InterruptedException e) {
      // closing: what was not handed on is returned by stop()
    } finally {
      if (!pending.isEmpty()) {
        List<Operation> left = new ArrayList<>(abandoned);
        left.addAll(pending);
        abandoned = left;
      }
    }
  }

  private void hand(List<Operation> batch) throws InterruptedException {
    long since = nanoClock.getAsLong();
    try {
      while (true) {
        Stalled s = stalled;
        long wait = HAND_SLICE_NANOS;
        if (s != null) {
          OptionalLong handed = sink.oldestWaitingSince();
          long oldest = handed.isPresent() && handed.getAsLong() - since < 0 ? handed.getAsLong() : since;
          long waited = nanoClock.getAsLong() - oldest;
          if (waited >= stallBoundNanos) {
            if (!sink.delivering()) {
              spillStalled(batch);
              return;
            }
            // a sender is on an older batch: its outcome starts the spool's backlog, in order. Keep the
            // turn's housekeeping going meanwhile: it cancels a request that is never answered, which
            // is the outcome this waits for
            try {
              housekeeping.run();
            } catch (RuntimeException e) {
              // as in a turn: housekeeping never stops the batching thread
            }
          } else {
            wait = Math.min(wait, stallBoundNanos - waited);
          }
        }
        if (sink.offer(batch, wait)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      List<Operation> left = new ArrayList<>(abandoned);
      left.addAll(batch);
      abandoned = left;
      batch.clear();
      throw e;
    }
  }

  /**
   * Nanoseconds (on the batcher's clock) until the oldest batch in the hand-off has waited the memory
   * bound; {@code Long.MAX_VALUE} without a bound or with an empty hand-off.
   */
  private long untilStalled() {
    if (stalled == null) {
      return Long.MAX_VALUE;
    }
    OptionalLong oldest = sink.oldestWaitingSince();
    if (oldest.isEmpty()) {
      return Long.MAX_VALUE;
    }
    long until = stallBoundNanos - (nanoClock.getAsLong() - oldest.getAsLong());
    // due while a sender is on a batch: look again after a slice, not at once (no busy turns)
    return until <= 0 && sink.delivering() ? HAND_SLICE_NANOS : until;
  }

  /** The hand-off's batches, then {@code batch}: to the spool, in the order they were captured. */
  private void spillStalled(List<Operation> batch) {
    List<Operation> all = new ArrayList<>();
    for (List<Operation> older : sink.reclaim()) {
      all.addAll(older);
    }
    all.addAll(batch);
    if (!all.isEmpty()) {
      stalled.spill(all);
    }
  }
}
