package io.trackweave.runtime.internal.queue;

import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between callers and the batching thread: a lock-free multi-producer queue plus
 * two atomic bounds. The bounds cover everything the runtime holds (waiting, being batched and in
 * flight) and are released only when an operation settles, so memory stays bounded even while
 * Customer.io is slow. Full means the newest call is dropped (or given to the {@link Overflow}).
 */
public final class OperationQueue implements Ledger.QueueGauge {
  /** Per-operation overhead counted on top of the payload estimate: the object graph around it. */
  public static final int OVERHEAD_BYTES = 96;

  private final ConcurrentLinkedQueue<Operation> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong operations = new AtomicLong();
  private final long maxBytes;
  private final long maxOperations;
  private final long wakeEveryOperations;
  private final long wakeEveryBytes;
  private volatile Thread consumer;

  /**
   * @param wakeEveryOperations wake the consumer each time this many more operations are held (a
   *     batch's worth), so full batches leave before the interval ends
   * @param wakeEveryBytes the same, in bytes
   */
  public OperationQueue(long maxBytes, long maxOperations, long wakeEveryOperations, long wakeEveryBytes) {
    this.maxBytes = maxBytes;
    this.maxOperations = maxOperations;
    this.wakeEveryOperations = Math.max(1, wakeEveryOperations);
    this.wakeEveryBytes = Math.max(1, wakeEveryBytes);
  }

  /** The thread to unpark when a batch's worth is waiting. */
  public void consumer(Thread thread) {
    this.consumer = thread;
  }

  /** Adds {@code op} if it fits; never blocks. Returns false when full (nothing is held then). */
  public boolean offer(Operation op) {
    long size = op.estimatedBytes() + (long) OVERHEAD_BYTES;
    long b = bytes.addAndGet(size);
    if (b > maxBytes) {
      bytes.addAndGet(-size);
      return false;
    }
    long n = operations.incrementAndGet();
    if (n > maxOperations) {
      operations.decrementAndGet();
      bytes.addAndGet(-size);
      return false;
    }
    waiting.offer(op);
    if (n % wakeEveryOperations == 0 || (b - size) / wakeEveryBytes != b / wakeEveryBytes) {
      Thread t = consumer;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
    return true;
  }

  /** The next waiting operation, or null. Batching thread only. */
  public Operation poll() {
    return waiting.poll();
  }

  public boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** Gives back the room an operation held, once it has settled. */
  public void release(Operation op) {
    bytes.addAndGet(-(op.estimatedBytes() + (long) OVERHEAD_BYTES));
    operations.decrementAndGet();
    Operation.Receipt receipt = op.receipt();
    if (receipt != null) {
      try {
        receipt.settled();
      } catch (Throwable ignored) {
        // the spool's bookkeeping never breaks delivery
      }
    }
  }

  @Override
  public long bytes() {
    return bytes.get();
  }

  @Override
  public long operations() {
    return operations.get();
  }

  /** True when at least half the room is free (the moment to replay spilled operations). */
  public boolean hasRoom() {
    return bytes.get() < maxBytes / 2 && operations.get() < maxOperations / 2;
  }
}
