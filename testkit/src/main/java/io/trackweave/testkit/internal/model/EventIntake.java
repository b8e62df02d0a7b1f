package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.PlanViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Takes in a tracked event (Customer.io's "track" and "track anonymous"): drops a duplicate id, finds whose it
 * is (a person, the person who claimed its anonymous id within Customer.io's 5-minute window, or the anonymous
 * id itself), stamps whether it can still trigger campaigns (72 hours), stores it and lets the journeys see it.
 * Kept apart from the person operations because an event's owner and trigger rules are their own: the counts of
 * events that cannot trigger or were not merged come from here.
 *
 * <p>Not thread-safe: {@link Workspace} calls it under its lock.
 */
final class EventIntake {
  /** Customer.io merges an anonymous event that arrives up to five minutes after the identify carrying its id. */
  static final Duration MERGE_WINDOW = Duration.ofMinutes(5);

  private final Clock clock;
  private final IdentityIndex identities;
  private final EventStore events;
  private final JourneyBook journeys;
  private long cannotTrigger;
  private long notMerged;

  EventIntake(Clock clock, IdentityIndex identities, EventStore events, JourneyBook journeys) {
    this.clock = clock;
    this.identities = identities;
    this.events = events;
    this.journeys = journeys;
  }

  Applied track(Operation.Track op, List<PlanViolation> planViolations) {
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

  /** Events stored with a timestamp over 72 hours old, so they trigger no campaign. */
  long cannotTrigger() {
    return cannotTrigger;
  }

  /** Anonymous events that arrived after the window of the identify that claimed their id. */
  long notMerged() {
    return notMerged;
  }

  void clear() {
    cannotTrigger = 0;
    notMerged = 0;
  }
}
