package io.trackweave.runtime.internal.queue;

import io.trackweave.runtime.internal.operation.Operation;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where operations go that the queue cannot hold or the API cannot take: the seam the disk spool plugs
 * into (spill when full or when Customer.io stays unreachable, replay later). {@link #DROP}, the
 * default, takes nothing, so those operations are dropped and counted.
 */
public interface Overflow {
  /**
   * The queue is full. Called on the <em>caller's</em> thread, so it must neither block nor do I/O
   * (hand the operation to the spool's own thread). Returns true when it took the operation.
   */
  boolean offerWhenFull(Operation op);

  /**
   * Retries for these operations are exhausted (or the runtime is closing with them unsent). Called on
   * a sender thread; may do I/O. Returns true when it took all of them.
   */
  boolean offerUndeliverable(List<Operation> ops);

  /**
   * Offers spilled operations back while the queue has room and Customer.io answers; {@code into}
   * answers false when the queue is full again. Called on the batching thread. Returns how many were
   * replayed.
   */
  default int replay(Predicate<Operation> into) {
    return 0;
  }

  /**
   * True while the overflow holds operations not yet replayed. New calls then go to it first (behind
   * what it holds), so a person's later calls do not overtake their spilled ones. Caller's thread:
   * must be a cheap read.
   */
  default boolean backlogged() {
    return false;
  }

  /**
   * Customer.io asked (Retry-After) for nothing to be sent for {@code nanos}: replay waits at least
   * that long. Called on a sender thread.
   */
  default void holdReplay(long nanos) {}

  /**
   * Waits until everything offered so far is persisted (per the overflow's durability policy), at most
   * {@code timeoutNanos}. Returns false when the time ran out. Called by {@code flush}.
   */
  default boolean persist(long timeoutNanos) {
    return true;
  }

  /**
   * The runtime has begun to close and must be done by {@code deadlineNanos} ({@link System#nanoTime()}):
   * from now on no wait inside the overflow (a hand-over, {@link #close}) may last past it. Called once,
   * before {@link #close}.
   */
  default void shutdownBy(long deadlineNanos) {}

  /** Called once when the runtime closes; returns by the {@link #shutdownBy} deadline. */
  default void close() {}

  /** Takes nothing: everything it is offered is dropped and counted by the caller. */
  Overflow DROP =
      new Overflow() {
        @Override
        public boolean offerWhenFull(Operation op) {
          return false;
        }

        @Override
        public boolean offerUndeliverable(List<Operation> ops) {
          return false;
        }

        @Override
        public String toString() {
          return "Overflow.DROP";
        }
      };
}
