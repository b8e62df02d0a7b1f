package io.trackweave.testkit.model;

import java.time.Instant;

/**
 * The event that decided a journey step: the trigger that enrolled a person, the exit event that took them
 * out, the trigger that was declined.
 *
 * @param seq the emulator's arrival number (as in {@link EventView#seq()})
 * @param id the event id, or null
 * @param name the event name
 * @param timestamp unix seconds, as sent (or the arrival time)
 * @param receivedAt when the emulator received it
 */
public record DecidingEvent(long seq, String id, String name, long timestamp, Instant receivedAt) {
  @Override
  public String toString() {
    return name + " #" + seq + (id != null ? " (id " + id + ")" : "");
  }
}
