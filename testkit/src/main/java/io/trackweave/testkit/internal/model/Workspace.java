package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.model.AnonymousView;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.DeviceView;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.PlanViolation;
import io.trackweave.testkit.model.RelationshipView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The emulator's workspace, its one entry point: applies each {@link Operation} the way Customer.io does to
 * people ({@link IdentityIndex}), their events ({@link EventStore}), objects and relationships ({@link
 * ObjectBook}) and the plan's journeys ({@link JourneyBook}), and copies it all out as a {@link ModelSnapshot}.
 *
 * <p>Thread-safe: every operation and every snapshot runs under this object's lock, so a snapshot is always
 * consistent.
 */
public final class Workspace {
  /** Identify attributes that steer the call rather than being stored on the person. */
  private static final Set<String> RESERVED_ATTRIBUTES =
      Set.of("_update", "_timestamp", "anonymous_id", "id", "cio_id", "cio_relationships");

  /** Customer.io merges an anonymous event that arrives up to five minutes after the identify carrying its id. */
  static final Duration MERGE_WINDOW = Duration.ofMinutes(5);

  private final Clock clock;
  // guarded by "this", as is everything they hold
  private final IdentityIndex identities;
  private final EventStore events;
  private final ObjectBook objects;
  private final JourneyBook journeys;
  private long operations;
  private long ignored;
  private long violations;
  private long cannotTrigger;
  private long notMerged;

  public Workspace(int maxEvents) {
    this(maxEvents, Clock.systemUTC(), null);
  }

  /**
   * @param maxEvents the most events kept; beyond it the oldest are evicted (and counted)
   * @param clock the emulator's time: arrivals, journey waits, the 72-hour trigger rule and the anonymous
   *     merge and retention windows
   * @param plan the plan whose journeys are evaluated; null for none
   */
  public Workspace(int maxEvents, Clock clock, TrackingPlan plan) {
    this.events = new EventStore(maxEvents);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.identities = new IdentityIndex(clock);
    this.objects = new ObjectBook(clock, identities);
    this.journeys = new JourneyBook(plan);
  }

  /**
   * Applies one operation.
   *
   * @param planViolations how the operation broke the tracking plan; attached to what it stores
   */
  public synchronized Applied apply(Operation operation, List<PlanViolation> planViolations) {
    Instant now = clock.instant();
    events.expireAnonymous(now);
    journeys.advance(now);
    operations++;
    violations += planViolations.size();
    Applied applied;
    if (operation instanceof Operation.Identify op) {
      applied = identify(op, planViolations);
    } else if (operation instanceof Operation.Track op) {
      applied = track(op, planViolations);
    } else if (operation instanceof Operation.Delete op) {
      applied = delete(op);
    } else if (operation instanceof Operation.AddDevice op) {
      applied = addDevice(op);
    } else if (operation instanceof Operation.DeleteDevice op) {
      applied = deleteDevice(op);
    } else if (operation instanceof Operation.Merge op) {
      applied = merge(op);
    } else if (operation instanceof Operation.Suppress op) {
      applied = suppress(op);
    } else if (operation instanceof Operation.Unsuppress op) {
      applied = unsuppress(op);
    } else if (operation instanceof Operation.IdentifyObject op) {
      applied = objects.identify(op);
    } else if (operation instanceof Operation.DeleteObject op) {
      applied = objects.delete(op);
    } else if (operation instanceof Operation.Relate op) {
      applied = objects.relate(op);
    } else {
      applied = Applied.ignored("accepted; " + ((Operation.NotModeled) operation).what() + " is not modeled");
    }
    if (!applied.changed()) {
      ignored++;
    }
    return applied;
  }

  /** Forgets everything, counters included. */
  public synchronized void clear() {
    identities.clear();
    events.clear();
    objects.clear();
    journeys.clear();
    operations = 0;
    ignored = 0;
    violations = 0;
    cannotTrigger = 0;
    notMerged = 0;
  }

  public synchronized Counts counts() {
    return new Counts(
        identities.size(), events.stored(), events.anonymousEvents(), operations, events.deduplicated(),
        events.evicted(), ignored, violations, cannotTrigger, notMerged, events.anonymousExpired(), objects.size(),
        objects.relationships());
  }

  /**
   * Copies the whole model.
   *
   * @param maxEventsPerPerson keep only each person's (and each anonymous id's) latest events; use
   *     {@link Integer#MAX_VALUE} for all
   */
  public synchronized ModelSnapshot snapshot(int maxEventsPerPerson) {
    Instant now = clock.instant();
    events.expireAnonymous(now);
    journeys.advance(now);
    List<PersonView> people = new ArrayList<>(identities.size());
    Map<PersonRecord, List<RelationshipView>> relationships = objects.byPerson();
    for (PersonRecord p : identities.people()) {
      people.add(p.view(maxEventsPerPerson, relationships.getOrDefault(p, List.of())));
    }
    List<AnonymousView> guests = new ArrayList<>(events.guests().size());
    for (Map.Entry<String, EventOwner> e : events.guests().entrySet()) {
      PersonRecord claimer = identities.claimerOf(e.getKey());
      guests.add(new AnonymousView(e.getKey(), e.getValue().views(maxEventsPerPerson),
          claimer == null ? null : claimer.ref(), claimer == null ? null : claimer.claimedAt.get(e.getKey())));
    }
    return new ModelSnapshot(
        people, guests, identities.suppressed(), counts(), journeys.views(), events.totals(), objects.views());
  }

  // ---- operations --------------------------------------------------------------------------------

  private Applied identify(Operation.Identify op, List<PlanViolation> planViolations) {
    Identifier who = op.who();
    if (who == null) {
      return Applied.ignored("identify without an identifier: dropped");
    }
    if (identities.isSuppressed(who)) {
      return Applied.ignored(who + " is suppressed: identify ignored");
    }
    JsonNode bodyId = op.attributes().get("id");
    JsonNode bodyEmail = op.attributes().get("email");
    List<Identifier> alsoKnownAs = new ArrayList<>(2);
    if (bodyId != null && bodyId.isTextual()) {
      alsoKnownAs.add(Identifier.id(bodyId.asText()));
    }
    if (bodyEmail != null && bodyEmail.isTextual()) {
      alsoKnownAs.add(Identifier.email(bodyEmail.asText()));
    }
    IdentityIndex.Found found = identities.findOrCreate(who, alsoKnownAs, !op.updateOnly());
    if (found == null) {
      return Identifier.CIO_ID.equals(who.type())
          ? Applied.ignored("no person with cio_id " + who.value() + ": identify dropped")
          : Applied.ignored("Failed Attribute Change: no person with " + who + " and _update is set");
    }
    PersonRecord person = found.person();
    String note = (found.created() ? "created person cio_" : "updated person cio_") + person.cioId;
    StringBuilder problems = new StringBuilder();
    identities.assign(person, who, problems);
    if (bodyId != null && bodyId.isTextual()) {
      identities.assign(person, Identifier.id(bodyId.asText()), problems);
    }
    for (Map.Entry<String, JsonNode> field : op.attributes().properties()) {
      String name = field.getKey();
      if (RESERVED_ATTRIBUTES.contains(name)) {
        continue;
      }
      JsonNode value = field.getValue();
      if ("email".equals(name) && value.isTextual()) {
        identities.assign(person, Identifier.email(value.asText()), problems);
      }
      if (value.isNull()) {
        person.attributes.remove(name);
      } else {
        person.attributes.set(name, value.deepCopy());
      }
    }
    person.addViolations(planViolations);
    if (op.anonymousId() != null && !op.anonymousId().isEmpty()) {
      note += claimAnonymous(person, op.anonymousId());
    }
    note += objects.relateAll(person, op.relationships(), !op.deleteRelationships());
    person.updatedAt = clock.instant();
    return Applied.done(note + problems);
  }

  private Applied track(Operation.Track op, List<PlanViolation> planViolations) {
    if (events.isDuplicate(op.id())) {
      return Applied.ignored("duplicate event id " + op.id() + ": dropped");
    }
    Instant now = clock.instant();
    String lateNote = null;
    EventOwner owner;
    String note;
    if (op.who() != null) {
      if (identities.isSuppressed(op.who())) {
        return Applied.ignored(op.who() + " is suppressed: event ignored");
      }
      IdentityIndex.Found found = identities.findOrCreate(op.who(), List.of(), true);
      if (found == null) {
        return Applied.ignored("no person with cio_id " + op.who().value() + ": event dropped");
      }
      PersonRecord person = found.person();
      note = (found.created() ? "stored; created person cio_" : "stored for cio_") + person.cioId;
      person.updatedAt = now;
      owner = person;
    } else {
      PersonRecord claimed = identities.claimerOf(op.anonymousId());
      Instant claimedAt = claimed == null ? null : claimed.claimedAt.get(op.anonymousId());
      if (claimed != null && (claimedAt == null || !now.isAfter(claimedAt.plus(MERGE_WINDOW)))) {
        owner = claimed;
        note = "stored for cio_" + claimed.cioId + " (anonymous_id merged by an identify "
            + Durations.ago(claimedAt, now) + " before; within Customer.io's 5-minute window)";
      } else {
        owner = events.guest(op.anonymousId(), now);
        if (claimed != null) {
          notMerged++;
          lateNote = "not merged: arrived " + Durations.ago(claimedAt, now) + " after the identify of "
              + claimed.ref().displayName() + " that carried anonymous_id " + op.anonymousId()
              + "; Customer.io merges only events that arrive within 5 minutes of it (identify again to merge)";
          note = "stored as anonymous; " + lateNote;
        } else {
          note = "stored as anonymous";
        }
      }
    }
    long timestamp = op.timestamp() != null ? op.timestamp() : now.getEpochSecond();
    ObjectNode properties =
        op.properties() != null ? op.properties().deepCopy() : JsonNodeFactory.instance.objectNode();
    boolean canTrigger = JourneyBook.canTrigger(timestamp, now);
    if (!canTrigger) {
      cannotTrigger++;
      note += "; cannot trigger campaigns: timestamp " + Durations.hours(now.getEpochSecond() - timestamp)
          + " old (over 72 hours)";
    }
    StoredEvent event =
        events.add(owner, op.id(), op.name(), op.type(), timestamp, now, properties, op.anonymousId(),
            List.copyOf(planViolations), canTrigger, lateNote);
    if (owner instanceof PersonRecord person) {
      journeys.onEvent(person, event, now);
    }
    events.evictBeyondCapacity();
    return Applied.done(note);
  }

  private Applied delete(Operation.Delete op) {
    PersonRecord person = identities.find(op.who());
    if (person == null) {
      return Applied.ignored("no person with " + op.who() + ": nothing deleted");
    }
    journeys.onRemove(person, clock.instant(), "person deleted");
    remove(person);
    return Applied.done("deleted person cio_" + person.cioId);
  }

  private Applied addDevice(Operation.AddDevice op) {
    if (identities.isSuppressed(op.who())) {
      return Applied.ignored(op.who() + " is suppressed: device ignored");
    }
    IdentityIndex.Found found = identities.findOrCreate(op.who(), List.of(), true);
    if (found == null) {
      return Applied.ignored("no person with cio_id " + op.who().value() + ": device dropped");
    }
    PersonRecord person = found.person();
    ObjectNode attributes =
        op.attributes() != null ? op.attributes().deepCopy() : JsonNodeFactory.instance.objectNode();
    person.devices.put(op.token(), new DeviceView(op.token(), op.platform(), op.lastUsed(), attributes));
    person.updatedAt = clock.instant();
    return Applied.done("device added to cio_" + person.cioId
        + (found.created() ? "; created person cio_" + person.cioId : ""));
  }

  private Applied deleteDevice(Operation.DeleteDevice op) {
    PersonRecord person = identities.find(op.who());
    if (person == null || person.devices.remove(op.token()) == null) {
      return Applied.ignored("no such device for " + op.who() + ": nothing deleted");
    }
    person.updatedAt = clock.instant();
    return Applied.done("device removed from cio_" + person.cioId);
  }

  private Applied merge(Operation.Merge op) {
    PersonRecord primary = identities.find(op.primary());
    if (primary == null) {
      return Applied.ignored("primary " + op.primary() + " does not exist: nothing merged");
    }
    PersonRecord secondary = identities.find(op.secondary());
    if (secondary == null) {
      return Applied.ignored("secondary " + op.secondary() + " does not exist: nothing merged");
    }
    if (primary == secondary) {
      return Applied.ignored("primary and secondary are the same person: nothing merged");
    }
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
    remove(secondary);
    primary.updatedAt = clock.instant();
    return Applied.done("merged cio_" + secondary.cioId + " into cio_" + primary.cioId);
  }

  private Applied suppress(Operation.Suppress op) {
    PersonRecord person = identities.find(op.who());
    identities.suppress(op.who());
    if (person == null) {
      return Applied.done(op.who() + " suppressed (no profile to delete)");
    }
    // suppressing deletes the profile and blocks each of its identifiers
    if (person.id != null) {
      identities.suppress(Identifier.id(person.id));
    }
    if (person.email != null) {
      identities.suppress(Identifier.email(person.email));
    }
    journeys.onRemove(person, clock.instant(), "person suppressed");
    remove(person);
    return Applied.done("person cio_" + person.cioId + " deleted and suppressed");
  }

  private Applied unsuppress(Operation.Unsuppress op) {
    if (!identities.unsuppress(op.who())) {
      return Applied.ignored(op.who() + " was not suppressed");
    }
    return Applied.done(op.who() + " unsuppressed");
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private String claimAnonymous(PersonRecord person, String anonymousId) {
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

  private void remove(PersonRecord person) {
    identities.remove(person);
    events.forget(person);
    objects.forget(person);
  }
}
