package io.trackweave.testkit.model;

import java.util.List;

/** Events sent for an anonymous id that no identify has claimed yet. */
public record AnonymousView(String anonymousId, List<EventView> events) {
  public AnonymousView {
    events = List.copyOf(events);
  }
}
