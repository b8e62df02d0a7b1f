package io.trackweave.agent.bootstrap;

import io.trackweave.api.Fields;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The tracker installed in premain, while the runtime (OkHttp, Jackson) starts on a background thread:
 * it holds the first calls, bounded, and replays them in order once the runtime is handed over, so
 * starting lazily loses nothing. The first call also asks for the runtime to be started.
 */
public final class BufferingTracker implements Tracker {
  private final int capacity;
  private final Runnable startRuntime;
  private final ArrayDeque<Consumer<Tracker>> pending = new ArrayDeque<>(); // guarded by this
  private volatile Tracker target; // null until handOver
  private volatile boolean startRequested;
  private long dropped; // guarded by this

  public BufferingTracker(int capacity, Runnable startRuntime) {
    this.capacity = capacity;
    this.startRuntime = startRuntime;
  }

  @Override
  public void identify(Person person, Fields attributes, boolean updateOnly) {
    Tracker t = target;
    if (t != null) {
      t.identify(person, attributes, updateOnly);
      return;
    }
    hold(new Identify(person, attributes, updateOnly));
  }

  @Override
  public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {
    Tracker t = target;
    if (t != null) {
      t.track(person, event, properties, timestamp, dedupeKey);
      return;
    }
    // the event happened now, not when the runtime replays it
    long at = timestamp == NOW ? System.currentTimeMillis() / 1000 : timestamp;
    hold(new Track(person, event, properties, at, dedupeKey));
  }

  @Override
  public void violation(String event, String property, String problem) {
    Tracker t = target;
    if (t != null) {
      t.violation(event, property, problem);
      return;
    }
    hold(new Violation(event, property, problem));
  }

  private void hold(Consumer<Tracker> call) {
    if (!startRequested) {
      startRequested = true;
      startRuntime.run();
    }
    Tracker t;
    synchronized (this) {
      t = target;
      if (t == null) {
        if (pending.size() < capacity) {
          pending.add(call);
        } else {
          dropped++;
        }
        return;
      }
    }
    call.accept(t); // handed over while we waited for the lock
  }

  /**
   * Replays every held call on {@code tracker}, in order, and forwards all later calls to it.
   *
   * @return how many calls were dropped because the buffer was full
   */
  public long handOver(Tracker tracker) {
    synchronized (this) {
      for (Consumer<Tracker> call; (call = pending.poll()) != null; ) {
        try {
          call.accept(tracker);
        } catch (Throwable ignored) {
          // a tracker never throws; if one does, the rest still replay
        }
      }
      target = tracker;
      return dropped;
    }
  }

  /** Calls held and not yet handed over. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  // held calls are small classes rather than lambdas: the first lambda of a JVM costs milliseconds
  private record Identify(Person person, Fields attributes, boolean updateOnly) implements Consumer<Tracker> {
    @Override
    public void accept(Tracker tracker) {
      tracker.identify(person, attributes, updateOnly);
    }
  }

  private record Track(Person person, String event, Fields properties, long at, String dedupeKey)
      implements Consumer<Tracker> {
    @Override
    public void accept(Tracker tracker) {
      tracker.track(person, event, properties, at, dedupeKey);
    }
  }

  private record Violation(String event, String property, String problem) implements Consumer<Tracker> {
    @Override
    public void accept(Tracker tracker) {
      tracker.violation(event, property, problem);
    }
  }

  @Override
  public String toString() {
    return "BufferingTracker[" + (target == null ? "starting" : "handed over") + "]";
  }
}
