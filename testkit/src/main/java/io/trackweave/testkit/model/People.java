package io.trackweave.testkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The emulator's workspace: people, their attributes, events and devices, anonymous events, and suppressed
 * identifiers, kept in memory the way Customer.io keeps them.
 *
 * <p>Thread-safe: every operation and every snapshot runs under this object's lock, so a snapshot is always
 * consistent. Bounded: at most {@code maxEvents} events are stored; beyond that the oldest are evicted and
 * counted. Ids seen for deduplication are remembered for twice as many events.
 */
public final class People {
  /** Identify attributes that steer the call rather than being stored on the person. */
  private static final Set<String> RESERVED_ATTRIBUTES =
      Set.of("_update", "_timestamp", "anonymous_id", "id", "cio_id", "cio_relationships");

  private static final int MAX_VIOLATIONS_PER_PERSON = 50;

  /** Customer.io merges an anonymous event that arrives up to five minutes after the identify carrying its id. */
  static final Duration MERGE_WINDOW = Duration.ofMinutes(5);

  /** Customer.io keeps anonymous events for 30 days; unclaimed older ones are deleted. */
  static final Duration ANONYMOUS_RETENTION = Duration.ofDays(30);

  private final int maxEvents;
  private final int maxRememberedIds;
  private final Clock clock;
  private final JourneyBook journeys;

  // every field below is guarded by "this"
  private final Map<String, PersonRecord> byCioId = new LinkedHashMap<>();
  private final Map<String, PersonRecord> byId = new HashMap<>();
  private final Map<String, PersonRecord> byEmail = new HashMap<>();
  private final Map<String, PersonRecord> byPhone = new HashMap<>();
  private final Map<String, PersonRecord> byAnonymousId = new HashMap<>();
  private final Map<String, EventOwner> anonymous = new LinkedHashMap<>();
  private final Set<Identifier> suppressed = new LinkedHashSet<>();
  private final ArrayDeque<StoredEvent> arrivalOrder = new ArrayDeque<>();
  private final LinkedHashMap<String, Boolean> seenEventIds;
  private long storedEvents;
  private long nextCioId = 0xe0000001L;
  private long nextSeq = 1;
  private long operations;
  private long deduplicated;
  private long evicted;
  private long ignored;
  private long violations;
  private long cannotTrigger;
  private long notMerged;
  private long anonymousExpired;
  /** The arrival of the oldest anonymous event held, or null: the retention scan runs only when it is due. */
  private Instant oldestAnonymous;
  /** Per event name: received, violated, cannot trigger. Bounded: names beyond the first 1000 count as one. */
  private final Map<String, long[]> totals = new LinkedHashMap<>();
  private static final int MAX_TOTALS = 1000;

  public People(int maxEvents) {
    this(maxEvents, Clock.systemUTC());
  }

  People(int maxEvents, Clock clock) {
    this(maxEvents, clock, null);
  }

  /**
   * @param clock the emulator's time: arrivals, journey waits, the 72-hour trigger rule and the anonymous
   *     merge and retention windows
   * @param plan the plan whose journeys are evaluated; null for none
   */
  public People(int maxEvents, Clock clock, io.trackweave.plan.TrackingPlan plan) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
    }
    this.maxEvents = maxEvents;
    this.maxRememberedIds = (int) Math.min(Integer.MAX_VALUE, 2L * maxEvents);
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    this.journeys = new JourneyBook(plan);
    this.seenEventIds =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > maxRememberedIds;
          }
        };
  }

  /**
   * Applies one operation.
   *
   * @param planViolations how the operation broke the tracking plan; attached to what it stores
   */
  public synchronized Applied apply(Operation operation, List<PlanViolation> planViolations) {
    Instant now = clock.instant();
    expireAnonymous(now);
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
    byCioId.clear();
    byId.clear();
    byEmail.clear();
    byPhone.clear();
    byAnonymousId.clear();
    anonymous.clear();
    suppressed.clear();
    arrivalOrder.clear();
    seenEventIds.clear();
    storedEvents = 0;
    operations = 0;
    deduplicated = 0;
    evicted = 0;
    ignored = 0;
    violations = 0;
    cannotTrigger = 0;
    notMerged = 0;
    anonymousExpired = 0;
    oldestAnonymous = null;
    totals.clear();
    journeys.clear();
  }

  public synchronized Counts counts() {
    long anonymousEvents = 0;
    for (EventOwner owner : anonymous.values()) {
      anonymousEvents += owner.events.size();
    }
    return new Counts(
        byCioId.size(), storedEvents, anonymousEvents, operations, deduplicated, evicted, ignored,
        violations, cannotTrigger, notMerged, anonymousExpired);
  }

  /**
   * Copies the whole model.
   *
   * @param maxEventsPerPerson keep only each person's (and each anonymous id's) latest events; use
   *     {@link Integer#MAX_VALUE} for all
   */
  public synchronized ModelSnapshot snapshot(int maxEventsPerPerson) {
    Instant now = clock.instant();
    expireAnonymous(now);
    journeys.advance(now);
    List<PersonView> people = new ArrayList<>(byCioId.size());
    for (PersonRecord p : byCioId.values()) {
      people.add(p.view(maxEventsPerPerson));
    }
    List<AnonymousView> guests = new ArrayList<>(anonymous.size());
    for (Map.Entry<String, EventOwner> e : anonymous.entrySet()) {
      PersonRecord claimer = byAnonymousId.get(e.getKey());
      guests.add(new AnonymousView(e.getKey(), views(e.getValue().events, maxEventsPerPerson),
          claimer == null ? null : claimer.ref(), claimer == null ? null : claimer.claimedAt.get(e.getKey())));
    }
    List<EventTotal> eventTotals = new ArrayList<>(totals.size());
    totals.forEach((name, t) -> eventTotals.add(new EventTotal(name, t[0], t[1], t[2])));
    return new ModelSnapshot(
        people, guests, new ArrayList<>(suppressed), counts(), journeys.views(), eventTotals);
  }

  // ---- operations --------------------------------------------------------------------------------

  private Applied identify(Operation.Identify op, List<PlanViolation> planViolations) {
    Identifier who = op.who();
    if (who == null) {
      return Applied.ignored("identify without an identifier: dropped");
    }
    if (suppressed.contains(normal(who))) {
      return Applied.ignored(who + " is suppressed: identify ignored");
    }
    String note = "";
    PersonRecord person = find(who);
    JsonNode bodyId = op.attributes().get("id");
    JsonNode bodyEmail = op.attributes().get("email");
    if (person == null && bodyId != null && bodyId.isTextual()) {
      person = byId.get(bodyId.asText());
    }
    if (person == null && bodyEmail != null && bodyEmail.isTextual()) {
      person = byEmail.get(Identifier.email(bodyEmail.asText()).key());
    }
    if (person == null) {
      if (Identifier.CIO_ID.equals(who.type())) {
        return Applied.ignored("no person with cio_id " + who.value() + ": identify dropped");
      }
      if (op.updateOnly()) {
        return Applied.ignored("Failed Attribute Change: no person with " + who + " and _update is set");
      }
      person = create();
      note = "created person cio_" + person.cioId;
    } else {
      note = "updated person cio_" + person.cioId;
    }
    StringBuilder problems = new StringBuilder();
    assign(person, who, problems);
    if (bodyId != null && bodyId.isTextual()) {
      assign(person, Identifier.id(bodyId.asText()), problems);
    }
    Instant now = clock.instant();
    for (Map.Entry<String, JsonNode> field : op.attributes().properties()) {
      String name = field.getKey();
      if (RESERVED_ATTRIBUTES.contains(name)) {
        continue;
      }
      JsonNode value = field.getValue();
      if ("email".equals(name) && value.isTextual()) {
        assign(person, Identifier.email(value.asText()), problems);
      }
      if (value.isNull()) {
        person.attributes.remove(name);
      } else {
        person.attributes.set(name, value.deepCopy());
      }
    }
    for (PlanViolation v : planViolations) {
      person.violations.addLast(v);
      if (person.violations.size() > MAX_VIOLATIONS_PER_PERSON) {
        person.violations.removeFirst();
      }
    }
    if (op.anonymousId() != null && !op.anonymousId().isEmpty()) {
      note += claimAnonymous(person, op.anonymousId());
    }
    person.updatedAt = now;
    return Applied.done(note + problems);
  }

  private Applied track(Operation.Track op, List<PlanViolation> planViolations) {
    String lateNote = null;
    if (op.id() != null) {
      if (seenEventIds.containsKey(op.id())) {
        deduplicated++;
        return Applied.ignored("duplicate event id " + op.id() + ": dropped");
      }
    }
    EventOwner owner;
    String note;
    if (op.who() != null) {
      if (suppressed.contains(normal(op.who()))) {
        return Applied.ignored(op.who() + " is suppressed: event ignored");
      }
      PersonRecord person = find(op.who());
      if (person == null) {
        if (Identifier.CIO_ID.equals(op.who().type())) {
          return Applied.ignored("no person with cio_id " + op.who().value() + ": event dropped");
        }
        person = create();
        assign(person, op.who(), new StringBuilder());
        note = "stored; created person cio_" + person.cioId;
      } else {
        note = "stored for cio_" + person.cioId;
      }
      person.updatedAt = clock.instant();
      owner = person;
    } else {
      PersonRecord claimed = byAnonymousId.get(op.anonymousId());
      Instant claimedAt = claimed == null ? null : claimed.claimedAt.get(op.anonymousId());
      Instant arrival = clock.instant();
      if (claimed != null && (claimedAt == null || !arrival.isAfter(claimedAt.plus(MERGE_WINDOW)))) {
        owner = claimed;
        note = "stored for cio_" + claimed.cioId + " (anonymous_id merged by an identify "
            + ago(claimedAt, arrival) + " before; within Customer.io's 5-minute window)";
      } else {
        owner = anonymous.computeIfAbsent(op.anonymousId(), k -> new EventOwner());
        if (claimed != null) {
          notMerged++;
          lateNote = "not merged: arrived " + ago(claimedAt, arrival) + " after the identify of "
              + claimed.ref().displayName() + " that carried anonymous_id " + op.anonymousId()
              + "; Customer.io merges only events that arrive within 5 minutes of it (identify again to merge)";
          note = "stored as anonymous; " + lateNote;
        } else {
          note = "stored as anonymous";
        }
        if (oldestAnonymous == null) {
          oldestAnonymous = arrival;
        }
      }
    }
    if (op.id() != null) {
      seenEventIds.put(op.id(), Boolean.TRUE);
    }
    Instant now = clock.instant();
    long timestamp = op.timestamp() != null ? op.timestamp() : now.getEpochSecond();
    ObjectNode properties =
        op.properties() != null ? op.properties().deepCopy() : JsonNodeFactory.instance.objectNode();
    boolean canTrigger = JourneyBook.canTrigger(timestamp, now);
    if (!canTrigger) {
      cannotTrigger++;
      note += "; cannot trigger campaigns: timestamp " + JourneyBook.hours(now.getEpochSecond() - timestamp)
          + " old (over 72 hours)";
    }
    StoredEvent event =
        new StoredEvent(
            nextSeq++, op.id(), op.name(), op.type(), timestamp, now, properties, op.anonymousId(),
            List.copyOf(planViolations), canTrigger, lateNote);
    event.owner = owner;
    owner.events.add(event);
    arrivalOrder.addLast(event);
    storedEvents++;
    String totalName = "event".equals(op.type()) ? op.name() : op.type() + ":" + op.name();
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
    total[1] += planViolations.isEmpty() ? 0 : 1;
    total[2] += canTrigger ? 0 : 1;
    if (owner instanceof PersonRecord person) {
      journeys.onEvent(person, event, now);
    }
    evictBeyondCapacity();
    return Applied.done(note);
  }

  private static String ago(Instant from, Instant to) {
    if (from == null) {
      return "some time";
    }
    long s = Math.max(0, Duration.between(from, to).getSeconds());
    return s >= 3600 ? JourneyBook.hours(s) : s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
  }

  /** Deletes anonymous events older than 30 days that no identify claimed, as Customer.io does. */
  private void expireAnonymous(Instant now) {
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
          storedEvents--;
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

  private Applied delete(Operation.Delete op) {
    PersonRecord person = find(op.who());
    if (person == null) {
      return Applied.ignored("no person with " + op.who() + ": nothing deleted");
    }
    journeys.onRemove(person, clock.instant(), "person deleted");
    remove(person);
    return Applied.done("deleted person cio_" + person.cioId);
  }

  private Applied addDevice(Operation.AddDevice op) {
    if (suppressed.contains(normal(op.who()))) {
      return Applied.ignored(op.who() + " is suppressed: device ignored");
    }
    PersonRecord person = find(op.who());
    String note = "";
    if (person == null) {
      if (Identifier.CIO_ID.equals(op.who().type())) {
        return Applied.ignored("no person with cio_id " + op.who().value() + ": device dropped");
      }
      person = create();
      assign(person, op.who(), new StringBuilder());
      note = "; created person cio_" + person.cioId;
    }
    ObjectNode attributes =
        op.attributes() != null ? op.attributes().deepCopy() : JsonNodeFactory.instance.objectNode();
    person.devices.put(op.token(), new DeviceView(op.token(), op.platform(), op.lastUsed(), attributes));
    person.updatedAt = clock.instant();
    return Applied.done("device added to cio_" + person.cioId + note);
  }

  private Applied deleteDevice(Operation.DeleteDevice op) {
    PersonRecord person = find(op.who());
    if (person == null || person.devices.remove(op.token()) == null) {
      return Applied.ignored("no such device for " + op.who() + ": nothing deleted");
    }
    person.updatedAt = clock.instant();
    return Applied.done("device removed from cio_" + person.cioId);
  }

  private Applied merge(Operation.Merge op) {
    PersonRecord primary = find(op.primary());
    if (primary == null) {
      return Applied.ignored("primary " + op.primary() + " does not exist: nothing merged");
    }
    PersonRecord secondary = find(op.secondary());
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
      primary.anonymousIds.add(anonymousId);
      byAnonymousId.put(anonymousId, primary);
      Instant claimed = secondary.claimedAt.get(anonymousId);
      if (claimed != null) {
        primary.claimedAt.putIfAbsent(anonymousId, claimed);
      }
    }
    secondary.anonymousIds.clear();
    primary.violations.addAll(secondary.violations);
    while (primary.violations.size() > MAX_VIOLATIONS_PER_PERSON) {
      primary.violations.removeFirst();
    }
    remove(secondary);
    primary.updatedAt = clock.instant();
    return Applied.done("merged cio_" + secondary.cioId + " into cio_" + primary.cioId);
  }

  private Applied suppress(Operation.Suppress op) {
    PersonRecord person = find(op.who());
    suppressed.add(normal(op.who()));
    if (person == null) {
      return Applied.done(op.who() + " suppressed (no profile to delete)");
    }
    // suppressing deletes the profile and blocks each of its identifiers
    if (person.id != null) {
      suppressed.add(Identifier.id(person.id));
    }
    if (person.email != null) {
      suppressed.add(normal(Identifier.email(person.email)));
    }
    journeys.onRemove(person, clock.instant(), "person suppressed");
    remove(person);
    return Applied.done("person cio_" + person.cioId + " deleted and suppressed");
  }

  private Applied unsuppress(Operation.Unsuppress op) {
    if (!suppressed.remove(normal(op.who()))) {
      return Applied.ignored(op.who() + " was not suppressed");
    }
    return Applied.done(op.who() + " unsuppressed");
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private PersonRecord find(Identifier who) {
    return switch (who.type()) {
      case Identifier.ID -> byId.get(who.value());
      case Identifier.EMAIL -> {
        PersonRecord p = byEmail.get(who.key());
        // a v1 path that looks like an email may still be a workspace's id
        yield p != null ? p : byId.get(who.value());
      }
      case Identifier.CIO_ID -> byCioId.get(who.value());
      case Identifier.PHONE -> byPhone.get(who.value());
      default -> null;
    };
  }

  private static Identifier normal(Identifier who) {
    return Identifier.EMAIL.equals(who.type()) ? Identifier.email(who.key()) : who;
  }

  private PersonRecord create() {
    PersonRecord person = new PersonRecord(Long.toHexString(nextCioId++), clock.instant());
    byCioId.put(person.cioId, person);
    return person;
  }

  /** Gives the person this identifier unless another person holds it (Customer.io's Attribute Update Failure). */
  private void assign(PersonRecord person, Identifier identifier, StringBuilder problems) {
    Map<String, PersonRecord> index;
    switch (identifier.type()) {
      case Identifier.ID -> index = byId;
      case Identifier.EMAIL -> index = byEmail;
      case Identifier.PHONE -> index = byPhone;
      default -> {
        return; // cio_id is assigned by the emulator
      }
    }
    PersonRecord holder = index.get(identifier.key());
    if (holder != null && holder != person) {
      problems
          .append("; Attribute Update Failure: ")
          .append(identifier)
          .append(" belongs to cio_")
          .append(holder.cioId);
      return;
    }
    String previous =
        switch (identifier.type()) {
          case Identifier.ID -> person.id;
          case Identifier.EMAIL -> person.email == null ? null : Identifier.email(person.email).key();
          default -> person.phone;
        };
    if (previous != null) {
      index.remove(previous);
    }
    index.put(identifier.key(), person);
    switch (identifier.type()) {
      case Identifier.ID -> person.id = identifier.value();
      case Identifier.EMAIL -> person.email = identifier.value();
      default -> person.phone = identifier.value();
    }
  }

  private String claimAnonymous(PersonRecord person, String anonymousId) {
    PersonRecord previous = byAnonymousId.get(anonymousId);
    if (previous != null && previous != person) {
      return "; anonymous_id " + anonymousId + " already belongs to cio_" + previous.cioId;
    }
    Instant now = clock.instant();
    byAnonymousId.put(anonymousId, person);
    person.anonymousIds.add(anonymousId);
    person.claimedAt.put(anonymousId, now); // the 5-minute window for later anonymous events opens now
    EventOwner guest = anonymous.remove(anonymousId);
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
    byCioId.remove(person.cioId);
    if (person.id != null) {
      byId.remove(person.id);
    }
    if (person.email != null) {
      byEmail.remove(Identifier.email(person.email).key());
    }
    if (person.phone != null) {
      byPhone.remove(person.phone);
    }
    for (String anonymousId : person.anonymousIds) {
      byAnonymousId.remove(anonymousId, person);
    }
    for (StoredEvent event : person.events) {
      event.owner = null; // dropped from arrivalOrder lazily
    }
    storedEvents -= person.events.size();
    person.events.clear();
    if (arrivalOrder.size() > 2L * maxEvents) {
      arrivalOrder.removeIf(e -> e.owner == null);
    }
  }

  private void evictBeyondCapacity() {
    while (storedEvents > maxEvents) {
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
      storedEvents--;
      evicted++;
      if (!(owner instanceof PersonRecord) && owner.events.isEmpty()) {
        anonymous.values().remove(owner);
      }
    }
  }

  private static List<EventView> views(List<StoredEvent> events, int max) {
    int from = Math.max(0, events.size() - max);
    List<EventView> out = new ArrayList<>(events.size() - from);
    for (int i = from; i < events.size(); i++) {
      out.add(events.get(i).view());
    }
    return out;
  }

  /** Whoever holds a list of events: a person, or an anonymous id not yet claimed. */
  private static class EventOwner {
    final List<StoredEvent> events = new ArrayList<>();
  }

  static final class PersonRecord extends EventOwner {
    final String cioId;
    /** When the latest identify carrying each anonymous id arrived. */
    final Map<String, Instant> claimedAt = new HashMap<>();
    final Instant createdAt;
    final ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    final Map<String, DeviceView> devices = new LinkedHashMap<>();
    final Set<String> anonymousIds = new LinkedHashSet<>();
    final ArrayDeque<PlanViolation> violations = new ArrayDeque<>();
    String id;
    String email;
    String phone;
    Instant updatedAt;

    PersonRecord(String cioId, Instant createdAt) {
      this.cioId = cioId;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
    }

    PersonRef ref() {
      return new PersonRef(cioId, id, email, phone);
    }

    PersonView view(int maxEvents) {
      List<DeviceView> deviceCopies = new ArrayList<>(devices.size());
      for (DeviceView d : devices.values()) {
        deviceCopies.add(new DeviceView(d.token(), d.platform(), d.lastUsed(), d.attributes().deepCopy()));
      }
      return new PersonView(
          cioId, id, email, phone, attributes.deepCopy(), views(events, maxEvents), deviceCopies,
          new ArrayList<>(anonymousIds), new ArrayList<>(violations), createdAt, updatedAt);
    }
  }

  static final class StoredEvent {
    final long seq;
    final String id;
    final String name;
    final String type;
    final long timestamp;
    final Instant receivedAt;
    final ObjectNode properties;
    final String anonymousId;
    final List<PlanViolation> violations;
    final boolean canTrigger;
    /** Why an anonymous event was not merged, or null. */
    String note;
    EventOwner owner;

    StoredEvent(
        long seq, String id, String name, String type, long timestamp, Instant receivedAt,
        ObjectNode properties, String anonymousId, List<PlanViolation> violations, boolean canTrigger,
        String note) {
      this.seq = seq;
      this.id = id;
      this.name = name;
      this.type = type;
      this.timestamp = timestamp;
      this.receivedAt = receivedAt;
      this.properties = properties;
      this.anonymousId = anonymousId;
      this.violations = violations;
      this.canTrigger = canTrigger;
      this.note = note;
    }

    EventView view() {
      return new EventView(
          seq, id, name, type, timestamp, receivedAt, properties.deepCopy(), anonymousId, violations, canTrigger,
          note);
    }
  }
}
