package io.trackweave.runtime.internal.batch;

import io.trackweave.runtime.internal.concurrent.Threads;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The batching thread ({@code trackweave-batcher}, a daemon): moves waiting operations into batches
 * and hands each one on when it holds {@code maxOperations} operations or about {@code maxBytes}, when
 * its oldest operation has waited {@code interval}, or at once on a flush. Callers wake it when a
 * batch's worth is waiting; otherwise it sleeps until the interval is due. Each turn of its loop also
 * runs the housekeeping task (the rate-limited warnings), so logging happens here, never on a caller's
 * thread.
 */
public final class Batcher implements Runnable {
  /** Where a finished batch goes (the sender pool); may block. */
  @FunctionalInterface
  public interface Sink {
    void accept(List<Operation> batch) throws InterruptedException;
  }

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
    try {
      sink.accept(batch);
    } catch (InterruptedException e) {
      List<Operation> left = new ArrayList<>(abandoned);
      left.addAll(batch);
      abandoned = left;
      batch.clear();
      throw e;
    }
  }
}
