package io.trackweave.api;

import java.util.Objects;

/**
 * The facade generated code calls. It is a no-op until a runtime installs itself (the agent does it at
 * start-up; a library user calls {@code TrackweaveRuntime} which calls {@link #install(Tracker)}).
 */
public final class Trackweave {
  private static volatile Tracker tracker = Tracker.NOOP;

  private Trackweave() {}

  /** The installed tracker, or {@link Tracker#NOOP}. */
  public static Tracker tracker() {
    return tracker;
  }

  /** Makes {@code tracker} the one every mapper uses; returns the one it replaces. */
  public static Tracker install(Tracker newTracker) {
    Objects.requireNonNull(newTracker, "tracker");
    synchronized (Trackweave.class) { // with uninstall: a concurrent uninstall must not undo this install
      Tracker previous = tracker;
      tracker = newTracker;
      return previous;
    }
  }

  /** Puts the no-op tracker back if {@code installed} is still the current one. */
  public static void uninstall(Tracker installed) {
    synchronized (Trackweave.class) {
      if (tracker == installed) {
        tracker = Tracker.NOOP;
      }
    }
  }
}
