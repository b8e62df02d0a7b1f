package io.trackweave.agent.internal.bootstrap;

import io.trackweave.api.Fields;
import io.trackweave.api.ObjectRef;
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
  // a replay round this many rounds in is done under the lock, so a hand-over under a sustained flood of
  // calls still ends (each round holds at most capacity calls)
  static final int MAX_UNLOCKED_ROUNDS = 64;

  private ArrayDeque<Consumer<Tracker>> pending = new ArrayDeque<>(); // guarded by this
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
  public void identifyObject(ObjectRef object, Fields attributes, Person person) {
    Tracker t = target;
    if (t != null) {
      t.identifyObject(object, attributes, person);
      return;
    }
    hold(new IdentifyObject(object, attributes, person));
  }

  @Override
  public void deleteObject(ObjectRef object) {
    Tracker t = target;
    if (t != null) {
      t.deleteObject(object);
      return;
    }
    hold(new DeleteObject(object));
  }

  @Override
  public void relate(Person person, ObjectRef object, Fields relationshipAttributes, boolean related) {
    Tracker t = target;
    if (t != null) {
      t.relate(person, object, relationshipAttributes, related);
      return;
    }
    hold(new Relate(person, object, relationshipAttributes, related));
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
   * Replays every held call on {@code tracker}, in order, and forwards all later calls to it. The held
   * calls are taken out under the lock and replayed outside it, so business threads calling meanwhile
   * only append to a fresh buffer and never wait for the replay; rounds repeat until the buffer is empty
   * under the lock, and in that same critical section {@code tracker} becomes the target, so no held
   * call is overtaken by a later one.
   *
   * @return how many calls were dropped because the buffer was full
   */
  public long handOver(Tracker tracker) {
    for (int round = 1; ; round++) {
      ArrayDeque<Consumer<Tracker>> batch;
      synchronized (this) {
        if (pending.isEmpty()) {
          target = tracker;
          return dropped;
        }
        batch = pending;
        pending = new ArrayDeque<>();
        if (round >= MAX_UNLOCKED_ROUNDS) {
          // callers keep refilling as fast as we replay: finish this last batch under the lock
          replay(batch, tracker);
          target = tracker;
          return dropped;
        }
      }
      replay(batch, tracker);
    }
  }

  private static void replay(ArrayDeque<Consumer<Tracker>> batch, Tracker tracker) {
    for (Consumer<Tracker> call; (call = batch.poll()) != null; ) {
      try {
        call.accept(tracker);
      } catch (Throwable ignored) {
        // a tracker never throws; if one does, the rest still replay
      }
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

  private record IdentifyObject(ObjectRef object, Fields attributes, Person person) implements Consumer<Tracker> {
    @Override
    public void accept(Tracker tracker) {
      tracker.identifyObject(object, attributes, person);
    }
  }

  private record DeleteObject(ObjectRef object) implements Consumer<Tracker> {
    @Override
    public void accept(Tracker tracker) {
      tracker.deleteObject(object);
    }
  }

  private record Relate(Person person, ObjectRef object, Fields attributes, boolean related)
      implements Consumer<Tracker> {
    @Override
    public void accept(Tracker tracker) {
      tracker.relate(person, object, attributes, related);
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
