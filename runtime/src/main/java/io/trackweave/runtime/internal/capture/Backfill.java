package io.trackweave.runtime.internal.capture;

import java.util.Set;

/**
 * Customer.io's rule for what can trigger campaigns: an event whose timestamp is less than 72 hours old
 * when it arrives still triggers them, backdated or not; an older one does not. In backfill mode (a
 * one-off import of history) capture refuses the events that would trigger, unless the user named them.
 */
public final class Backfill {
  /** How old an event must be for Customer.io to no longer trigger campaigns from it. */
  public static final long TRIGGER_WINDOW_SECONDS = 72L * 60 * 60;

  /** Live mode: nothing is refused. */
  public static final Backfill OFF = new Backfill(false, Set.of());

  private final boolean on;
  private final Set<String> triggerEvents;

  private Backfill(boolean on, Set<String> triggerEvents) {
    this.on = on;
    this.triggerEvents = Set.copyOf(triggerEvents);
  }

  /** Backfill mode; {@code triggerEvents} may be sent even when recent. */
  public static Backfill on(Set<String> triggerEvents) {
    return new Backfill(true, triggerEvents);
  }

  /** True when an event would still trigger campaigns if it arrived at {@code nowSeconds}. */
  public static boolean canTrigger(long eventSeconds, long nowSeconds) {
    return nowSeconds - eventSeconds < TRIGGER_WINDOW_SECONDS;
  }

  /** True when backfill mode refuses this event: recent enough to trigger, and not named as intended. */
  boolean refuses(String event, long eventSeconds, long nowSeconds) {
    return on && canTrigger(eventSeconds, nowSeconds) && !triggerEvents.contains(event);
  }

  public boolean isOn() {
    return on;
  }
}
