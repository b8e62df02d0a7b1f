package io.trackweave.testkit.internal.model;

import io.trackweave.testkit.model.EventView;
import java.util.ArrayList;
import java.util.List;

/** Whoever holds a list of events: a person, or an anonymous id not yet claimed. Guarded by the workspace's lock. */
class EventOwner {
  final List<StoredEvent> events = new ArrayList<>();

  /** Copies of the latest {@code max} events, oldest first. */
  List<EventView> views(int max) {
    int from = Math.max(0, events.size() - max);
    List<EventView> out = new ArrayList<>(events.size() - from);
    for (int i = from; i < events.size(); i++) {
      out.add(events.get(i).view());
    }
    return out;
  }
}
