package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Moves activity from one owner to a person the way Customer.io merges: a merge of two people (the secondary's
 * attributes the primary lacks, its events, devices, anonymous ids, relationships and violations) and the claim
 * of an anonymous id by an identify (that id's earlier anonymous events). Both re-sort the person's events into
 * arrival order and let the journeys see what changed hands, so they live together, apart from the lookups and
 * refusals of the operations that call them.
 *
 * <p>Not thread-safe: {@link Workspace} calls it under its lock.
 */
final class Merges {
  private final Clock clock;
  private final IdentityIndex identities;
  private final EventStore events;
  private final ObjectBook objects;
  private final JourneyBook journeys;

  Merges(Clock clock, IdentityIndex identities, EventStore events, ObjectBook objects, JourneyBook journeys) {
    this.clock = clock;
    this.identities = identities;
    this.events = events;
    this.objects = objects;
    this.journeys = journeys;
  }

  /**
   * Moves everything of {@code secondary} into {@code primary}; the caller then removes the secondary.
   *
   * @param primary the person that stays
   * @param secondary the person merged into it, not the same
   */
  void people(PersonRecord primary, PersonRecord secondary) {
    journeys.onMerge(secondary, primary, clock.instant());
    // Customer.io copies only attributes the primary lacks (or has empty)
    for (Map.Entry<String, JsonNode> field : secondary.attributes.properties()) {
      JsonNode mine = primary.attributes.get(field.getKey());
      if (mine == null || mine.isNull() || (mine.isTextual() && mine.asText().isEmpty())) {
        primary.attributes.set(field.getKey(), field.getValue());
      }
    }
    for (StoredEvent event : secondary.events) {
      event.owner = primary;
      primary.events.add(event);
    }
    secondary.events.clear();
    primary.events.sort((a, b) -> Long.compare(a.seq, b.seq));
    secondary.devices.forEach(primary.devices::putIfAbsent);
    for (String anonymousId : secondary.anonymousIds) {
      identities.claim(anonymousId, primary);
      Instant claimed = secondary.claimedAt.get(anonymousId);
      if (claimed != null) {
        primary.claimedAt.putIfAbsent(anonymousId, claimed);
      }
    }
    secondary.anonymousIds.clear();
    objects.move(secondary, primary);
    primary.addViolations(secondary.violations);
  }

  /**
   * Gives {@code anonymousId} to {@code person} (an identify carrying it) and moves its anonymous events to them.
   *
   * @return what to add to the identify's note: the merged events, or why the id stayed with another person
   */
  String anonymous(PersonRecord person, String anonymousId) {
    PersonRecord previous = identities.claimerOf(anonymousId);
    if (previous != null && previous != person) {
      return "; anonymous_id " + anonymousId + " already belongs to cio_" + previous.cioId;
    }
    Instant now = clock.instant();
    identities.claim(anonymousId, person);
    objects.claim(anonymousId, person);
    person.claimedAt.put(anonymousId, now); // the 5-minute window for later anonymous events opens now
    EventOwner guest = events.takeGuest(anonymousId);
    if (guest == null || guest.events.isEmpty()) {
      return "";
    }
    for (StoredEvent event : guest.events) {
      event.owner = person;
      event.note = null;
      person.events.add(event);
    }
    person.events.sort((a, b) -> Long.compare(a.seq, b.seq));
    // previously anonymous activity can trigger campaigns once merged, if it is recent enough to trigger now
    for (StoredEvent event : guest.events) {
      journeys.onEvent(person, event, now);
    }
    return "; merged " + guest.events.size() + " anonymous event(s) of " + anonymousId;
  }
}
