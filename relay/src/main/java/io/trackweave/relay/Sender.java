package io.trackweave.relay;

import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.send.Delivery;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One sender thread: takes a batch from the hand-off, delivers its operations with the runtime's own
 * {@link Delivery}, then settles each record for good (delivered, or dead-lettered when Customer.io refused
 * it or it could not be read) or marks it failed, so that the poll thread rewinds its partition to it. Hands
 * the batch back through {@code done} in every case.
 */
final class Sender implements Runnable {
  /** Refusals that say the relay is misconfigured, not that the operation is bad. */
  private static final Set<String> NOT_THE_OPERATIONS_FAULT = Set.of("unauthorized", "forbidden", "redirect_refused");

  private final Supplier<Delivery> deliveries;
  private final DeadLetters deadLetters;
  private final BlockingQueue<Batch> handoff;
  private final Queue<Batch> done;
  private final AtomicBoolean running;
  private final RelayStats stats;

  /** {@code deliveries} makes this thread's own {@link Delivery}, on this thread. */
  Sender(Supplier<Delivery> deliveries, DeadLetters deadLetters, BlockingQueue<Batch> handoff, Queue<Batch> done,
      AtomicBoolean running, RelayStats stats) {
    this.deliveries = deliveries;
    this.deadLetters = deadLetters;
    this.handoff = handoff;
    this.done = done;
    this.running = running;
    this.stats = stats;
  }

  @Override
  public void run() {
    Delivery delivery = deliveries.get();
    try {
      // a batch already handed off is still sent when stopping: the poll thread waits for it to commit
      while (running.get() || !handoff.isEmpty()) {
        Batch batch;
        try {
          batch = handoff.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          break;
        }
        if (batch == null) {
          continue;
        }
        List<Operation> ops = new ArrayList<>(batch.items.size());
        for (Pending p : batch.items) {
          if (p.op != null) {
            ops.add(p.op);
          }
        }
        if (!ops.isEmpty()) {
          delivery.deliver(ops);
        }
        long ok = 0;
        for (Pending p : batch.items) {
          if (settle(p)) {
            ok++;
          }
        }
        stats.delivered.addAndGet(ok);
        done.add(batch);
      }
    } finally {
      delivery.close();
    }
  }

  /**
   * Settles one record after its delivery: dead-letters what was refused for good or could not be read, and
   * marks FAILED whatever must be fetched again (including a dead-letter write that failed: the record's
   * offset may not be committed until it is somewhere). True when Customer.io took it.
   */
  private boolean settle(Pending p) {
    if (p.op == null) {
      // undecodable: never sent, dead-lettered with why
      if (deadLetters.send(p.record, p.reason, p.message)) {
        stats.undecodable.incrementAndGet();
        p.state = Pending.State.REJECTED;
        Relay.LOG.log(Level.WARNING, "trackweave-relay: record {0}-{1}@{2}: {3}; sent to {4}", p.record.topic(),
            String.valueOf(p.record.partition()), String.valueOf(p.record.offset()), p.message,
            deadLetters.topic());
      } else {
        p.state = Pending.State.FAILED;
      }
    } else if (p.state == Pending.State.REJECTED && NOT_THE_OPERATIONS_FAULT.contains(p.reason)) {
      // wrong credentials or endpoint: no operation can get through until that is fixed, so none is
      // dead-lettered; the partitions back off and keep the records (Delivery logs the cause)
      p.state = Pending.State.FAILED;
    } else if (p.state == Pending.State.REJECTED) {
      if (deadLetters.send(p.record, p.reason, p.message)) {
        stats.deadLettered.incrementAndGet();
      } else {
        p.state = Pending.State.FAILED;
      }
    } else if (p.state == Pending.State.DELIVERED) {
      return true;
    } else {
      p.state = Pending.State.FAILED; // anything not settled for good is fetched again
    }
    return false;
  }
}
