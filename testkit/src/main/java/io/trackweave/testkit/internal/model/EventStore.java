package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.EventTotal;
import io.trackweave.testkit.model.PlanViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What people did: every stored event in arrival order, the anonymous ids' events nobody claimed yet, the event
 * ids seen (Customer.io deduplicates by them), and per-name totals.
 *
 * <p>Bounded: at most {@code maxEvents} events are stored; beyond that the oldest are evicted and counted. Ids
 * seen for deduplication are remembered for twice as many events. Guarded by the workspace's lock.
 */
final class EventStore {
  /** Customer.io keeps anonymous events for 30 days; unclaimed older ones are deleted. */
  static final Duration ANONYMOUS_RETENTION = Duration.ofDays(30);

  /** Names beyond the first 1000 are counted together, so a test sending random names stays bounded. */
  private static final int MAX_TOTALS = 1000;

  private final int maxEvents;
  private final Map<String, EventOwner> anonymous = new LinkedHashMap<>();
  private final ArrayDeque<StoredEvent> arrivalOrder = new ArrayDeque<>();
  private final LinkedHashMap<String, Boolean> seenEventIds;
  /** Per event name: received, violated, cannot trigger. */
  private final Map<String, long[]> totals = new LinkedHashMap<>();
  private long stored;
  private long nextSeq = 1;
  private long deduplicated;
  private long evicted;
  private long anonymousExpired;
  /** The arrival of the oldest anonymous event held, or null: the retention scan runs only when it is due. */
  private Instant oldestAnonymous;

  EventStore(int maxEvents) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
    }
    this.maxEvents = maxEvents;
    int maxRememberedIds = (int) Math.min(Integer.MAX_VALUE, 2L * maxEvents);
    this.seenEventIds =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > maxRememberedIds;
          }
        };
  }

  /** True (and counted as deduplicated) when an event with this id was stored before. */
  boolean isDuplicate(String eventId) {
    if (eventId != null && seenEventIds.containsKey(eventId)) {
      deduplicated++;
      return true;
    }
    return false;
  }

  /** The events of an anonymous id nobody claimed, made on first use. */
  EventOwner guest(String anonymousId, Instant now) {
    if (oldestAnonymous == null) {
      oldestAnonymous = now;
    }
    return anonymous.computeIfAbsent(anonymousId, k -> new EventOwner());
  }

  /** Hands over an anonymous id's events (to the person who claimed it), or null when it has none. */
  EventOwner takeGuest(String anonymousId) {
    return anonymous.remove(anonymousId);
  }

  Map<String, EventOwner> guests() {
    return anonymous;
  }

  /** Stores an event for {@code owner} and counts it under its name, evicting the oldest beyond the cap. */
  StoredEvent add(
      EventOwner owner, String id, String name, String type, long timestamp, Instant receivedAt,
      ObjectNode properties, String anonymousId, List<PlanViolation> violations, boolean canTrigger,
      String note) {
    if (id != null) {
      seenEventIds.put(id, Boolean.TRUE);
    }
    StoredEvent event =
        new StoredEvent(nextSeq++, id, name, type, timestamp, receivedAt, properties, anonymousId, violations,
            canTrigger, note);
    event.owner = owner;
    owner.events.add(event);
    arrivalOrder.addLast(event);
    stored++;
    String totalName = "event".equals(type) ? name : type + ":" + name;
    long[] total = totals.get(totalName);
    if (total == null) {
      if (totals.size() < MAX_TOTALS) {
        total = new long[3];
        totals.put(totalName, total);
      } else {
        total = totals.computeIfAbsent("(other names)", k -> new long[3]);
      }
    }
    total[0]++;
    total[1] += violations.isEmpty() ? 0 : 1;
    total[2] += canTrigger ? 0 : 1;
    return event;
  }

  /** Evicts the oldest events while more than the cap are stored. */
  void evictBeyondCapacity() {
    while (stored > maxEvents) {
      StoredEvent oldest = arrivalOrder.pollFirst();
      if (oldest == null) {
        return;
      }
      EventOwner owner = oldest.owner;
      if (owner == null) {
        continue; // its person was deleted
      }
      owner.events.remove(oldest);
      oldest.owner = null;
      stored--;
      evicted++;
      if (!(owner instanceof PersonRecord) && owner.events.isEmpty()) {
        anonymous.values().remove(owner);
      }
    }
  }

  /** A person is gone: their events no longer count towards the cap. */
  void forget(PersonRecord person) {
    for (StoredEvent event : person.events) {
      event.owner = null; // dropped from arrivalOrder lazily
    }
    stored -= person.events.size();
    person.events.clear();
    if (arrivalOrder.size() > 2L * maxEvents) {
      arrivalOrder.removeIf(e -> e.owner == null);
    }
  }

  /** Deletes anonymous events older than 30 days that no identify claimed, as Customer.io does. */
  void expireAnonymous(Instant now) {
    Instant cutoff = now.minus(ANONYMOUS_RETENTION);
    if (oldestAnonymous == null || !oldestAnonymous.isBefore(cutoff)) {
      return;
    }
    Instant oldest = null;
    var it = anonymous.values().iterator();
    while (it.hasNext()) {
      EventOwner guest = it.next();
      var events = guest.events.iterator();
      while (events.hasNext()) {
        StoredEvent e = events.next();
        if (e.receivedAt.isBefore(cutoff)) {
          events.remove();
          e.owner = null; // dropped from arrivalOrder lazily
          stored--;
          anonymousExpired++;
        } else if (oldest == null || e.receivedAt.isBefore(oldest)) {
          oldest = e.receivedAt;
        }
      }
      if (guest.events.isEmpty()) {
        it.remove();
      }
    }
    oldestAnonymous = oldest;
  }

  long stored() {
    return stored;
  }

  long anonymousEvents() {
    long n = 0;
    for (EventOwner owner : anonymous.values()) {
      n += owner.events.size();
    }
    return n;
  }

  long deduplicated() {
    return deduplicated;
  }

  long evicted() {
    return evicted;
  }

  long anonymousExpired() {
    return anonymousExpired;
  }

  List<EventTotal> totals() {
    List<EventTotal> out = new ArrayList<>(totals.size());
    totals.forEach((name, t) -> out.add(new EventTotal(name, t[0], t[1], t[2])));
    return out;
  }

  /** Forgets every event and counter. */
  void clear() {
    anonymous.clear();
    arrivalOrder.clear();
    seenEventIds.clear();
    totals.clear();
    stored = 0;
    deduplicated = 0;
    evicted = 0;
    anonymousExpired = 0;
    oldestAnonymous = null;
  }
}
