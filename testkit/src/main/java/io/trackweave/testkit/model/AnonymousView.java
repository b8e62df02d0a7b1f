package io.trackweave.testkit.model;

import java.time.Instant;
import java.util.List;

/**
 * Events sent for an anonymous id that no person holds: none claimed it yet, or they arrived too late after
 * the identify that did (Customer.io merges only what arrives within 5 minutes of it).
 *
 * @param identifiedAs the person an identify gave this anonymous id to, or null when none did
 * @param identifiedAt when that identify arrived, or null
 */
public record AnonymousView(String anonymousId, List<EventView> events, PersonRef identifiedAs, Instant identifiedAt) {
  public AnonymousView {
    events = List.copyOf(events);
  }
}
