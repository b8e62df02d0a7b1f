package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.concurrent.Clocks;
import io.trackweave.runtime.internal.concurrent.Threads;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.operation.Operation;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The sender threads ({@code trackweave-sender-N}, daemons): each takes a batch from the hand-off,
 * delivers it with its own {@link BatchDelivery} ({@link Delivery} over HTTP), and takes the next. The hand-off holds one batch per
 * sender, so a slow Customer.io backs up into the bounded queue, never into memory.
 */
public final class SenderPool {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  /** Put in the hand-off by stop(), one per sender: the sender that takes it ends. Compared by identity. */
  private static final List<Operation> STOP = Collections.unmodifiableList(new ArrayList<>(0));

  /** A batch in the hand-off and when it was put there (on the pool's clock). */
  private record Handed(List<Operation> batch, long since) {}

  private final BlockingQueue<Handed> handoff;
  private final List<Thread> threads = new ArrayList<>();
  /** Each sender's delivery, made on its own thread (it loads the HTTP client); null until then. */
  private final AtomicReferenceArray<BatchDelivery> deliveries;
  private final Surrender surrender;
  private final LongSupplier nanoClock;
  /** Keeps an identify behind an earlier batch's anonymous events on another sender. */
  private final AnonymousOrder order;
  /** Senders on a batch right now (see {@link #delivering()}). */
  private final java.util.concurrent.atomic.AtomicInteger delivering = new java.util.concurrent.atomic.AtomicInteger();
  /** The batch {@link #offer} registered and has not handed on yet (batching thread only). */
  private List<Operation> registered;

  /**
   * @param deliveries makes one sender's {@link Delivery}; called on that sender's thread, so the
   *     HTTP client's class loading happens there, not on the thread that starts the runtime
   */
  public SenderPool(int senders, String threadPrefix, Supplier<? extends BatchDelivery> deliveries, Surrender surrender) {
    this(senders, threadPrefix, deliveries, surrender, Clocks.NANO_TIME);
  }

  /**
   * As {@link #SenderPool(int, String, Supplier, Surrender)}, with the {@link System#nanoTime()}-like
   * clock the deadlines given to {@link #stop} are read on.
   */
  public SenderPool(int senders, String threadPrefix, Supplier<? extends BatchDelivery> deliveries, Surrender surrender,
      LongSupplier nanoClock) {
    this(senders, threadPrefix, deliveries, surrender, nanoClock, AnonymousOrder.unshared());
  }

  /**
   * As above, with the merge order its deliveries share: each batch is registered with it when handed
   * out, and settled in it once delivered or given up.
   */
  public SenderPool(int senders, String threadPrefix, Supplier<? extends BatchDelivery> deliveries, Surrender surrender,
      LongSupplier nanoClock, AnonymousOrder order) {
    this.nanoClock = nanoClock;
    this.order = order;
    this.handoff = new ArrayBlockingQueue<>(senders);
    this.deliveries = new AtomicReferenceArray<>(senders);
    this.surrender = surrender;
    for (int i = 0; i < senders; i++) {
      Thread t = new Thread(new Sender(i, deliveries), threadPrefix + (i + 1));
      t.setDaemon(true);
      threads.add(t);
    }
  }

  private void run(int slot, Supplier<? extends BatchDelivery> factory) {
    BatchDelivery delivery;
    try {
      delivery = factory.get();
    } catch (Throwable t) {
      // without an HTTP client nothing can be sent: keep taking batches so the batcher never waits on
      // this sender, and give them up (to the spool, when there is one)
      LOG.log(Level.ERROR, "Trackweave: a sender thread could not start; its batches are given up", t);
      while (true) {
        try {
          List<Operation> batch = handoff.take().batch();
          if (batch == STOP) {
            return;
          }
          giveUp(batch, "sender_failed");
        } catch (InterruptedException e) {
          return;
        }
      }
    }
    deliveries.set(slot, delivery);
    loop(delivery);
  }

  /** One sender thread's work; a class, not a lambda (see {@code Clocks}: the runtime's start spins none). */
  private final class Sender implements Runnable {
    private final int slot;
    private final Supplier<? extends BatchDelivery> deliveries;

    Sender(int slot, Supplier<? extends BatchDelivery> deliveries) {
      this.slot = slot;
      this.deliveries = deliveries;
    }

    @Override
    public void run() {
      SenderPool.this.run(slot, deliveries);
    }
  }

  public void start() {
    for (Thread t : threads) {
      t.start();
    }
  }

  /** Blocks while every sender is busy and the hand-off is full (backpressure for the batcher). */
  public void submit(List<Operation> batch) throws InterruptedException {
    while (!offer(batch, Long.MAX_VALUE)) {
      // a wait that long ends only by room or an interrupt
    }
  }

  /**
   * As {@link #submit}, waiting at most {@code timeoutNanos} (real time) for room in the hand-off;
   * false when there was none (nothing was handed on then). The batching thread offers one batch
   * again and again until it is taken or spilled: it is registered with the merge order once, at the
   * first offer, and a spilled batch is settled there by {@link #giveUp}.
   */
  public boolean offer(List<Operation> batch, long timeoutNanos) throws InterruptedException {
    // registered before any later batch is formed: the batching thread is the only one handing on
    if (registered != batch) {
      order.handOut(batch);
      registered = batch;
    }
    boolean taken;
    try {
      taken = handoff.offer(new Handed(batch, nanoClock.getAsLong()), timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      registered = null;
      order.done(batch, false); // not handed on: whoever takes it back settles it
      throw e;
    }
    if (taken) {
      registered = null;
    }
    return taken;
  }

  /** Whether a sender is on a batch right now (the memory bound waits for its outcome). */
  public boolean delivering() {
    return delivering.get() > 0;
  }

  /** When (on the pool's clock) the oldest batch that no sender has taken yet was handed on; empty if none. */
  public OptionalLong oldestWaitingSince() {
    Handed oldest = handoff.peek();
    return oldest == null || oldest.batch() == STOP ? OptionalLong.empty() : OptionalLong.of(oldest.since());
  }

  /**
   * Takes back the batches no sender has taken yet, oldest first (the batching thread, when they have
   * waited too long: they go to the spool instead, through {@link #giveUp}, which settles them in the
   * merge order).
   */
  public List<List<Operation>> reclaim() {
    List<Handed> waiting = new ArrayList<>();
    handoff.drainTo(waiting);
    List<List<Operation>> batches = new ArrayList<>(waiting.size());
    for (Handed h : waiting) {
      if (h.batch() == STOP) {
        handoff.offer(h); // stop() comes after the batching thread has ended, so never here; kept if so
      } else {
        batches.add(h.batch());
      }
    }
    return batches;
  }

  private void loop(BatchDelivery delivery) {
    while (true) {
      List<Operation> batch;
      try {
        batch = handoff.take().batch();
      } catch (InterruptedException e) {
        break;
      }
      if (batch == STOP) {
        break;
      }
      if (surrender.behindBacklog(batch)) {
        // handed on before the spool began holding calls Customer.io could not take: sending it now would
        // overtake them (and, against a server that never answers, hold it in memory again); it joins them
        giveUp(batch, "unreachable");
        continue;
      }
      delivering.incrementAndGet();
      try {
        delivery.deliver(batch);
      } finally {
        delivering.decrementAndGet();
        order.done(batch, false); // every op is settled now; what the delivery did not report is released
      }
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
    }
  }

  /**
   * Stops after the hand-off is empty, waiting until {@code interruptAt} (on the pool's clock);
   * then interrupts every sender and runs {@code cancelInFlight} (which aborts their requests, so a
   * blocked socket read ends too); their unsettled operations are given up as {@code shutdown}. Waits
   * for all of them together until {@code deadline}, never longer, and gives up what is still waiting.
   */
  public void stop(long interruptAt, long deadline, Runnable cancelInFlight) {
    // one stop mark per sender, behind the batches still waiting: an idle sender ends at once instead
    // of at its next poll, which a short-lived JVM would otherwise wait for at exit
    for (int i = 0; i < threads.size(); i++) {
      long nanos = interruptAt - nanoClock.getAsLong();
      try {
        if (nanos <= 0 || !handoff.offer(new Handed(STOP, 0), nanos, TimeUnit.NANOSECONDS)) {
          break; // the senders are stuck: the interrupt below ends them
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread t : threads) {
      Threads.joinUntil(t, interruptAt, nanoClock); // one absolute deadline: the senders drain in parallel
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      if (t.isAlive()) {
        t.interrupt();
        interrupted = true;
      }
    }
    if (interrupted) {
      try {
        cancelInFlight.run();
      } catch (RuntimeException ignored) {
        // the interrupt still stops them at their next wait
      }
      for (Thread t : threads) {
        Threads.joinUntil(t, deadline, nanoClock);
      }
    }
    List<Handed> left = new ArrayList<>();
    handoff.drainTo(left);
    for (Handed h : left) {
      if (h.batch() != STOP) {
        giveUp(h.batch(), "shutdown");
      }
    }
    for (int i = 0; i < threads.size(); i++) {
      BatchDelivery d = deliveries.get(i);
      if (d != null && !threads.get(i).isAlive()) {
        d.close(); // a sender still running past the deadline keeps its buffers
      }
    }
  }

  /** Gives up operations that never reached a sender. */
  public void giveUp(List<Operation> ops, String reason) {
    order.done(ops, surrender.giveUp(ops, reason));
  }
}
