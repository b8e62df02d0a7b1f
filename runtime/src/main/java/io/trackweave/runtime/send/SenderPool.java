package io.trackweave.runtime.send;

import io.trackweave.runtime.capture.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sender threads ({@code trackweave-sender-N}, daemons): each takes a batch from the hand-off,
 * delivers it with its own {@link Delivery}, and takes the next. The hand-off holds one batch per
 * sender, so a slow Customer.io backs up into the bounded queue, never into memory.
 */
public final class SenderPool {
  private final BlockingQueue<List<Operation>> handoff;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private volatile boolean stopping;

  public SenderPool(int senders, String threadPrefix, Supplier<Delivery> deliveries) {
    this.handoff = new ArrayBlockingQueue<>(senders);
    for (int i = 1; i <= senders; i++) {
      Delivery delivery = deliveries.get();
      this.deliveries.add(delivery);
      Thread t = new Thread(() -> loop(delivery), threadPrefix + i);
      t.setDaemon(true);
      threads.add(t);
    }
  }

  public void start() {
    threads.forEach(Thread::start);
  }

  /** Blocks while every sender is busy and the hand-off is full (backpressure for the batcher). */
  public void submit(List<Operation> batch) throws InterruptedException {
    handoff.put(batch);
  }

  private void loop(Delivery delivery) {
    while (!stopping || !handoff.isEmpty()) {
      List<Operation> batch;
      try {
        batch = handoff.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (batch != null) {
        delivery.deliver(batch);
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
    }
  }

  /**
   * Stops after the hand-off is empty, waiting up to {@code graceNanos}; then interrupts the senders
   * (their unsettled operations are given up as {@code shutdown}) and gives up what is still waiting.
   */
  public void stop(long graceNanos) {
    stopping = true;
    long deadline = System.nanoTime() + graceNanos;
    for (Thread t : threads) {
      join(t, deadline - System.nanoTime());
    }
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      join(t, TimeUnit.SECONDS.toNanos(2));
    }
    List<List<Operation>> left = new ArrayList<>();
    handoff.drainTo(left);
    for (List<Operation> batch : left) {
      deliveries.get(0).giveUp(batch, "shutdown");
    }
    deliveries.forEach(Delivery::close);
  }

  /** Gives up operations that never reached a sender. */
  public void giveUp(List<Operation> ops, String reason) {
    deliveries.get(0).giveUp(ops, reason);
  }

  private static void join(Thread t, long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
