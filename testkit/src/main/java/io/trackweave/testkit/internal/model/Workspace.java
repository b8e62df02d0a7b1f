package io.trackweave.testkit.internal.model;

import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.model.AnonymousView;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.PlanViolation;
import io.trackweave.testkit.model.RelationshipView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The emulator's workspace, its one entry point: hands each {@link Operation} to the part that applies it the way
 * Customer.io does (person operations to {@link Profiles}, events to {@link EventIntake}, objects and
 * relationships to {@link ObjectBook}), counts what came in, and copies people ({@link IdentityIndex}), their
 * events ({@link EventStore}), objects and the plan's journeys ({@link JourneyBook}) out as a {@link
 * ModelSnapshot}.
 *
 * <p>Thread-safe: every operation and every snapshot runs under this object's lock, so a snapshot is always
 * consistent.
 */
public final class Workspace {
  private final Clock clock;
  // guarded by "this", as is everything they hold
  private final IdentityIndex identities;
  private final EventStore events;
  private final ObjectBook objects;
  private final JourneyBook journeys;
  private final Profiles profiles;
  private final EventIntake intake;
  private long operations;
  private long ignored;
  private long violations;

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
    this.profiles = new Profiles(clock, identities, events, objects, journeys);
    this.intake = new EventIntake(clock, identities, events, journeys);
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
      applied = profiles.identify(op, planViolations);
    } else if (operation instanceof Operation.Track op) {
      applied = intake.track(op, planViolations);
    } else if (operation instanceof Operation.Delete op) {
      applied = profiles.delete(op);
    } else if (operation instanceof Operation.AddDevice op) {
      applied = profiles.addDevice(op);
    } else if (operation instanceof Operation.DeleteDevice op) {
      applied = profiles.deleteDevice(op);
    } else if (operation instanceof Operation.Merge op) {
      applied = profiles.merge(op);
    } else if (operation instanceof Operation.Suppress op) {
      applied = profiles.suppress(op);
    } else if (operation instanceof Operation.Unsuppress op) {
      applied = profiles.unsuppress(op);
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
    intake.clear();
    operations = 0;
    ignored = 0;
    violations = 0;
  }

  public synchronized Counts counts() {
    return new Counts(
        identities.size(), events.stored(), events.anonymousEvents(), operations, events.deduplicated(),
        events.evicted(), ignored, violations, intake.cannotTrigger(), intake.notMerged(),
        events.anonymousExpired(), objects.size(), objects.relationships());
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
}
