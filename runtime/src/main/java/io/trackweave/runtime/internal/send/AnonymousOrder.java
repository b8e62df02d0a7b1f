package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Customer.io's merge order across one runtime's senders. An identify carrying an anonymous id merges
 * only that id's anonymous events that reached Customer.io before it (or within five minutes after),
 * and the runtime's senders deliver batches at the same time: a later batch's identify would overtake
 * an earlier batch's anonymous event that another sender is still retrying. So the batching thread
 * registers each batch as it hands it out ({@link #handOut}, in batch order), noting the anonymous
 * events still unsettled that each identify must follow, and the senders report what they settle
 * ({@link #settled}). A sender about to deliver such an identify {@link #await}s those events: once
 * delivered (or rejected, or dropped) the identify goes; once given up to the spool it follows them
 * there. An identify waits only on events handed out before its own batch, which another sender holds
 * (a sender delivers one batch at a time, so its earlier batches are settled): the waits follow batch
 * order and never form a cycle.
 *
 * <p>Within one batch, {@link Delivery} keeps the order itself (see {@link MergeCut}). Anonymous events
 * already in the spool are remembered by anonymous id (up to {@value #MAX_SPOOLED_IDS} of them), so an
 * identify that was batched before they were spilled, and so escaped the spool's diversion, follows
 * them there.
 */
public final class AnonymousOrder {
  static final int MAX_SPOOLED_IDS = 10_000;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How a wait for the earlier anonymous events ended. */
  public enum Outcome {
    /** They were delivered (or rejected, or dropped): the identify may go. */
    CLEAR,
    /** One of them waits in the spool: the identify follows it there. */
    SPOOLED,
    /** They were still unsettled at the end of the budget: the identify goes anyway. */
    TIMED_OUT
  }

  /** One anonymous event handed to a sender. */
  private static final class Held {
    final String anonymousId;
    boolean settled;
    boolean spooled;

    Held(String anonymousId) {
      this.anonymousId = anonymousId;
    }
  }

  /** What one identify must follow, noted when its batch was handed out. */
  private record Wait(List<Held> earlier, boolean spooledBefore) {}

  private final long budgetNanos;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Operation, Held> held = new IdentityHashMap<>();
  private final Map<String, List<Held>> unsettled = new HashMap<>();
  private final Map<Operation, Wait> waits = new IdentityHashMap<>();
  /** Senders waiting now (tests: they wait rather than go first). */
  private int waiting;
  /** Anonymous ids with an event given up to the spool and none delivered since; oldest first. */
  private final Map<String, Boolean> spooled = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_SPOOLED_IDS;
    }
  };

  /**
   * @param budgetNanos the longest an identify waits: as long as an earlier event can stay in flight
   * @param nanoClock {@link System#nanoTime()}-like, the budget's clock
   */
  public AnonymousOrder(long budgetNanos, LongSupplier nanoClock) {
    this.budgetNanos = budgetNanos;
    this.nanoClock = nanoClock;
  }

  /** For a delivery of its own (the relay's): nothing is handed out through it, so nothing waits. */
  static AnonymousOrder unshared() {
    return new AnonymousOrder(0, System::nanoTime);
  }

  private static String anonymousId(Operation op) {
    return op.person() == null ? null : op.person().anonymousId();
  }

  /**
   * Batching thread, before {@code batch} goes to a sender: what each of its identifies must follow,
   * then its anonymous events, which later batches' identifies will follow.
   */
  public void handOut(List<Operation> batch) {
    lock.lock();
    try {
      for (Operation op : batch) {
        String id = anonymousId(op);
        if (id == null || op.action() != Action.IDENTIFY) {
          continue;
        }
        List<Held> earlier = unsettled.get(id);
        // a replayed identify left the spool behind that id's events: only those in flight matter, so a
        // stale mark cannot send it round the spool again
        boolean spooledBefore = op.receipt() == null && spooled.containsKey(id);
        if (earlier != null || spooledBefore) {
          waits.put(op, new Wait(earlier == null ? List.of() : List.copyOf(earlier), spooledBefore));
        }
      }
      for (Operation op : batch) {
        String id = anonymousId(op);
        if (id == null || op.action() != Action.ANONYMOUS_EVENT || held.containsKey(op)) {
          continue;
        }
        Held h = new Held(id);
        held.put(op, h);
        unsettled.computeIfAbsent(id, k -> new ArrayList<>(2)).add(h);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@code op} is an identify that must wait for an earlier batch's anonymous events. */
  public boolean mustWait(Operation op) {
    if (op.action() != Action.IDENTIFY || anonymousId(op) == null) {
      return false;
    }
    lock.lock();
    try {
      return waits.containsKey(op);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sender thread: {@code op} left the sender's hands; {@code spooled} when the overflow (the disk spool)
   * took it. Cheap for everything but anonymous events.
   */
  public void settled(Operation op, boolean spooled) {
    if (op.action() != Action.ANONYMOUS_EVENT) {
      return;
    }
    lock.lock();
    try {
      settle(op, spooled);
    } finally {
      lock.unlock();
    }
  }

  private void settle(Operation op, boolean toSpool) {
    Held h = held.remove(op);
    if (h == null) {
      return;
    }
    h.settled = true;
    h.spooled = toSpool;
    List<Held> list = unsettled.get(h.anonymousId);
    if (list != null) {
      list.remove(h);
      if (list.isEmpty()) {
        unsettled.remove(h.anonymousId);
      }
    }
    if (toSpool) {
      spooled.put(h.anonymousId, Boolean.TRUE);
    } else {
      spooled.remove(h.anonymousId);
    }
    changed.signalAll();
  }

  /**
   * Sender thread, after {@code batch} was delivered or given up: whatever of it was not reported
   * settled (a delivery that does not report, or a batch that never reached one) is settled now as
   * {@code spooled}, and its identifies wait for nothing any more.
   */
  public void done(List<Operation> batch, boolean spooled) {
    lock.lock();
    try {
      for (Operation op : batch) {
        if (op.action() == Action.IDENTIFY) {
          waits.remove(op);
        } else if (op.action() == Action.ANONYMOUS_EVENT) {
          settle(op, spooled);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sender thread: waits, at most the budget, until the anonymous events that {@code identify} must
   * follow are settled. Returns at once for an identify that waits for nothing.
   *
   * @throws InterruptedException the runtime is closing
   */
  public Outcome await(Operation identify) throws InterruptedException {
    lock.lock();
    try {
      Wait wait = waits.remove(identify);
      if (wait == null) {
        return Outcome.CLEAR;
      }
      if (wait.spooledBefore()) {
        return Outcome.SPOOLED;
      }
      long deadline = nanoClock.getAsLong() + budgetNanos;
      while (true) {
        boolean pending = false;
        for (Held h : wait.earlier()) {
          if (!h.settled) {
            pending = true;
          } else if (h.spooled) {
            return Outcome.SPOOLED;
          }
        }
        if (!pending) {
          return Outcome.CLEAR;
        }
        long left = deadline - nanoClock.getAsLong();
        if (left <= 0) {
          return Outcome.TIMED_OUT;
        }
        // in slices, so the budget is read on the injected clock
        waiting++;
        try {
          changed.awaitNanos(Math.min(left, POLL_NANOS));
        } finally {
          waiting--;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Senders waiting for earlier anonymous events now. */
  int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Anonymous events handed out and not settled, identifies still to wait (tests: nothing leaks). */
  int tracked() {
    lock.lock();
    try {
      return held.size() + waits.size();
    } finally {
      lock.unlock();
    }
  }
}
