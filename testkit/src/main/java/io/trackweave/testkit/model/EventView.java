package io.trackweave.testkit.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * An event as the emulator stored it (a copy: changing it changes nothing in the emulator).
 *
 * @param seq the emulator's arrival number, unique and increasing
 * @param id the event id sent (a ULID), or null
 * @param name the event name (for page and screen events, the page or screen)
 * @param type {@code event}, {@code page} or {@code screen}
 * @param timestamp unix seconds: as sent, or the arrival time when none was sent
 * @param receivedAt when the emulator received it
 * @param properties the event's properties ({@code data} in v1, {@code attributes} in v2)
 * @param anonymousId the anonymous id it was sent with, or null
 * @param violations how it broke the tracking plan (empty when it did not, or without a plan)
 * @param canTrigger whether it may trigger campaigns: Customer.io triggers none on an event whose timestamp is
 *     more than 72 hours old when it arrives (backdated events within 72 hours still trigger)
 * @param note why an anonymous event was not merged into the person who claimed its anonymous id (it arrived
 *     more than 5 minutes after that identify), or null
 */
public record EventView(
    long seq,
    String id,
    String name,
    String type,
    long timestamp,
    Instant receivedAt,
    ObjectNode properties,
    String anonymousId,
    List<PlanViolation> violations,
    boolean canTrigger,
    String note) {

  public EventView {
    violations = List.copyOf(violations);
  }

  @Override
  public String toString() {
    return name + " " + properties + (violations.isEmpty() ? "" : " violations=" + violations);
  }
}
