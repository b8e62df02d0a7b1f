package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.internal.concurrent.Threads;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The spool thread ({@code trackweave-spool}, a daemon) and its hand-off. Callers and senders hand
 * operations over through a lock-free queue (no I/O, no blocking); the thread writes them with a
 * {@link SegmentWriter}, deletes the segments whose records all settled, and seals the active segment
 * once the reader has caught up with it. A caller's hand-off is bounded ({@value #HANDOFF_MAX_OPERATIONS}
 * operations, {@value #HANDOFF_MAX_BYTES} estimated bytes); a sender's is not (those operations are the
 * spool's either way), but the sender waits until they are written.
 *
 * <p>It also owns the directory's lock from the moment it starts: the lock goes only once the thread
 * has ended, so another process never opens files still being written.
 */
final class SpoolWriter {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime.spool");
  static final int HANDOFF_MAX_OPERATIONS = 65_536;
  static final long HANDOFF_MAX_BYTES = 16L * 1024 * 1024;
  /** Bytes an operation is counted for in the hand-off beyond its estimate. */
  private static final long HANDOFF_OVERHEAD_BYTES = 64;
  /** Operations written before the thread publishes them, so replay can start while a flood still arrives. */
  private static final int PUBLISH_EVERY = 4096;

  /** A point in the hand-off: counted down once everything before it was written (and synced, when asked). */
  private static final class Barrier {
    final boolean sync;
    final CountDownLatch done = new CountDownLatch(1);

    Barrier(boolean sync) {
      this.sync = sync;
    }

    boolean await(long nanos) {
      try {
        return done.await(nanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private final SegmentWriter out;
  private final Segments segments;
  private final Ledger ledger;
  private final SpoolLock lock;
  private final ConcurrentLinkedQueue<Object> handoff = new ConcurrentLinkedQueue<>();
  private final AtomicInteger handoffOperations = new AtomicInteger();
  private final AtomicLong handoffBytes = new AtomicLong();
  private final AtomicBoolean lockReleased = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean closing;
  private volatile boolean closed;

  SpoolWriter(SegmentWriter out, Segments segments, Ledger ledger, SpoolLock lock, String threadName) {
    this.out = out;
    this.segments = segments;
    this.ledger = ledger;
    this.lock = lock;
    this.thread = new Thread(new Loop(), threadName); // a class, not a lambda: opening the spool spins none
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** True once the spool is closing, or its thread failed: it takes nothing more. */
  boolean closing() {
    return closing;
  }

  /** Wakes the thread (a segment may be deletable now, or there is something to write). */
  void wake() {
    LockSupport.unpark(thread);
  }

  /** True while operations wait in the hand-off. */
  boolean holding() {
    return handoffOperations.get() > 0;
  }

  /** A caller's operation: false (not taken) when the hand-off is full. */
  boolean offer(Operation op) {
    long size = op.estimatedBytes() + HANDOFF_OVERHEAD_BYTES;
    if (handoffOperations.incrementAndGet() > HANDOFF_MAX_OPERATIONS) {
      handoffOperations.decrementAndGet();
      return false;
    }
    if (handoffBytes.addAndGet(size) > HANDOFF_MAX_BYTES) {
      handoffBytes.addAndGet(-size);
      handoffOperations.decrementAndGet();
      return false;
    }
    handoff.offer(op);
    LockSupport.unpark(thread);
    return true;
  }

  /** A sender's operation: always taken; {@link #awaitWritten} then waits for it. */
  void add(Operation op) {
    handoffOperations.incrementAndGet();
    handoffBytes.addAndGet(op.estimatedBytes() + HANDOFF_OVERHEAD_BYTES);
    handoff.offer(op);
  }

  /**
   * Waits up to {@code nanos} until everything handed over before is written (and synced with
   * {@code spool.fsync=always}); true when it is.
   */
  boolean awaitWritten(long nanos) {
    Barrier barrier = new Barrier(out.fsync() == FsyncPolicy.ALWAYS);
    handoff.offer(barrier);
    LockSupport.unpark(thread);
    return barrier.await(nanos);
  }

  /** As {@link #awaitWritten}, but true at once when the thread has ended: there is nothing left to wait for. */
  boolean persist(long nanos) {
    if (closed || !thread.isAlive()) {
      return true;
    }
    return awaitWritten(nanos);
  }

  private final class Loop implements Runnable {
    @Override
    public void run() {
      SpoolWriter.this.run();
    }
  }

  private void run() {
    List<Barrier> barriers = new ArrayList<>();
    try {
      while (true) {
        boolean stop = closing;
        Object item;
        int n = 0;
        while ((item = handoff.poll()) != null) {
          if (item instanceof Barrier b) {
            barriers.add(b);
            continue;
          }
          Operation op = (Operation) item;
          handoffOperations.decrementAndGet();
          handoffBytes.addAndGet(-(op.estimatedBytes() + HANDOFF_OVERHEAD_BYTES));
          out.append(op);
          if (++n >= PUBLISH_EVERY) {
            break; // publish now and then, so replay can start while a flood is still arriving
          }
        }
        boolean syncNow = stop || out.syncDue();
        for (Barrier b : barriers) {
          syncNow |= b.sync;
        }
        out.publish(syncNow);
        for (Barrier b : barriers) {
          b.done.countDown();
        }
        barriers.clear();
        segments.deleteSettled(out.active());
        if (stop && handoff.isEmpty()) {
          return;
        }
        if (n == 0 && handoff.isEmpty()) {
          out.sealIfCaughtUp();
          LockSupport.parkNanos(this, out.idleNanos());
        }
      }
    } catch (Throwable t) {
      LOG.log(Level.ERROR, "Trackweave spool thread failed; spilling stops", t);
      closing = true;
    } finally {
      for (Barrier b : barriers) {
        b.done.countDown();
      }
      Object item;
      int lost = 0;
      while ((item = handoff.poll()) != null) {
        if (item instanceof Barrier b) {
          b.done.countDown();
        } else {
          lost++;
        }
      }
      if (lost > 0) {
        ledger.droppedBySpool("spool_closed", lost);
      }
      out.closeActive();
      if (closed) {
        releaseLock(); // close stopped waiting for this thread: the lock goes only now that it has written
      }
    }
  }

  /**
   * Writes what was handed over, fsyncs (unless {@code never}) and ends the thread, waiting for it up
   * to {@code waitNanos}. The lock is released once the thread has ended: here, or by the thread itself
   * when it outlives the wait.
   */
  void close(long waitNanos) {
    closing = true;
    LockSupport.unpark(thread);
    Threads.join(thread, waitNanos);
    closed = true;
    if (!thread.isAlive()) {
      releaseLock();
    }
  }

  private void releaseLock() {
    if (lockReleased.compareAndSet(false, true)) {
      lock.release();
    }
  }

  /** True once the directory's lock is released (tests). */
  boolean lockReleased() {
    return lockReleased.get();
  }
}
