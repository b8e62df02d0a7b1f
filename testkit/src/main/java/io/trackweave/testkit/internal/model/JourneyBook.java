package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.plan.Condition;
import io.trackweave.plan.Journey;
import io.trackweave.plan.Segment;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.model.DecidingEvent;
import io.trackweave.testkit.model.DeclinedTrigger;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.WouldMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Evaluates the plan's journeys on what the emulator stores, the way Customer.io runs event-triggered
 * campaigns (docs/journeys.md says which rules are modeled): a trigger event enrols its person when it can
 * trigger (the 72-hour rule), passes the trigger's filter, the person is in the segment and the frequency
 * allows; an exit event takes them out at once; each step waits, re-checks the segment, and would send its
 * message.
 *
 * <p>Time is the emulator's clock: steps fall due when {@link #advance} reaches them, which {@link Workspace}
 * calls before applying each operation and before each snapshot, so a step due before an event arrived is
 * taken before that event is seen. Guarded by the owning {@link Workspace}'s lock.
 */
final class JourneyBook {
  /**
   * Customer.io: an event whose timestamp is 72 hours old or more when it arrives triggers no campaign. The
   * same rule, to the second, as the runtime's backfill refusals and stale-event count.
   */
  static final Duration TRIGGER_WINDOW = Duration.ofHours(72);

  private static final int MAX_DECLINED = 200;
  private static final int MAX_ENROLMENTS = 10_000;

  private final List<Journey> journeys;
  private final Map<String, Segment> segments;
  private final Map<String, List<Entry>> entries = new LinkedHashMap<>();
  private final Map<String, ArrayDeque<Declined>> declined = new LinkedHashMap<>();
  private final PriorityQueue<Entry> due = new PriorityQueue<>((a, b) -> {
    int c = a.queuedFor.compareTo(b.queuedFor);
    return c != 0 ? c : Long.compare(a.order, b.order);
  });
  private long nextOrder;

  JourneyBook(TrackingPlan plan) {
    this.journeys = plan == null ? List.of() : List.copyOf(plan.journeys().values());
    this.segments = plan == null ? Map.of() : plan.segments();
    for (Journey j : journeys) {
      entries.put(j.name(), new ArrayList<>());
      declined.put(j.name(), new ArrayDeque<>());
    }
  }

  boolean isEmpty() {
    return journeys.isEmpty();
  }

  /** Whether an event with this timestamp, seen at {@code now}, may trigger a campaign. */
  static boolean canTrigger(long timestamp, Instant now) {
    return now.getEpochSecond() - timestamp < TRIGGER_WINDOW.toSeconds();
  }

  /** Takes every step that fell due up to {@code now}, in the order they fell due. */
  void advance(Instant now) {
    while (!due.isEmpty() && !due.peek().queuedFor.isAfter(now)) {
      Entry e = due.poll();
      if (e.state != Enrolment.State.ACTIVE || !e.queuedFor.equals(e.nextDue)) {
        continue; // left the journey while waiting
      }
      Journey.Step step = e.journey.steps().get(e.step);
      Segment segment = e.journey.segment() == null ? null : segments.get(e.journey.segment());
      String missing = segment == null ? null : failing(segment, e.person.attributes);
      if (missing != null) {
        e.exit(e.nextDue, "left segment " + e.journey.segment() + " before " + step.message() + " (" + missing
            + " no longer holds)", null);
        continue;
      }
      e.messages.add(new WouldMessage(e.step, step.message(), e.nextDue));
      e.step++;
      if (e.step >= e.journey.steps().size()) {
        e.state = Enrolment.State.COMPLETED;
        e.nextDue = null;
      } else {
        e.nextDue = e.nextDue.plus(e.journey.steps().get(e.step).delay());
        e.queue(due);
      }
    }
  }

  /** An event stored for {@code person} at {@code now}: exits first, then enrolments. */
  void onEvent(PersonRecord person, StoredEvent event, Instant now) {
    if (journeys.isEmpty() || !"event".equals(event.type)) {
      return;
    }
    advance(now);
    for (Journey j : journeys) {
      if (j.exitOn().contains(event.name)) {
        for (Entry e : entries.get(j.name())) {
          if (e.person == person && e.state == Enrolment.State.ACTIVE) {
            e.exit(now, "exit event " + event.name, deciding(event));
          }
        }
      }
    }
    for (Journey j : journeys) {
      if (j.trigger().event().equals(event.name)) {
        trigger(j, person, event, now);
      }
    }
    advance(now); // steps with no wait send at once
  }

  private void trigger(Journey j, PersonRecord person, StoredEvent event, Instant now) {
    if (!canTrigger(event.timestamp, now)) {
      decline(j, person, event, now, "cannot trigger: its timestamp is "
          + Durations.hours(now.getEpochSecond() - event.timestamp) + " old, and Customer.io triggers no campaign on an "
          + "event older than 72 hours");
      return;
    }
    if (!j.trigger().accepts(event.properties)) {
      decline(j, person, event, now, "does not pass the trigger filter " + j.trigger());
      return;
    }
    Segment segment = j.segment() == null ? null : segments.get(j.segment());
    String missing = segment == null ? null : failing(segment, person.attributes);
    if (missing != null) {
      decline(j, person, event, now, "not in segment " + j.segment() + " (" + missing + " does not hold)");
      return;
    }
    for (Entry e : entries.get(j.name())) {
      if (e.person != person) {
        continue;
      }
      if (j.frequency() == Journey.Frequency.ONCE) {
        decline(j, person, event, now, "already entered once (at " + e.enteredAt + ", on " + e.trigger
            + "); frequency is once");
        return;
      }
      if (e.state == Enrolment.State.ACTIVE) {
        decline(j, person, event, now, "already in the journey (since " + e.enteredAt + ", on " + e.trigger + ")");
        return;
      }
    }
    List<Entry> list = entries.get(j.name());
    if (list.size() >= MAX_ENROLMENTS) {
      list.remove(0).state = Enrolment.State.EXITED; // bounded memory: the oldest is forgotten
    }
    Entry e = new Entry(j, person, now, deciding(event), nextOrder++);
    e.nextDue = now.plus(j.steps().get(0).delay());
    list.add(e);
    e.queue(due);
  }

  /** {@code secondary} was merged into {@code primary}: their journeys continue as {@code primary}'s. */
  void onMerge(PersonRecord secondary, PersonRecord primary, Instant now) {
    advance(now);
    for (Journey j : journeys) {
      Entry kept = null;
      for (Entry e : entries.get(j.name())) {
        if (e.person == primary && e.state == Enrolment.State.ACTIVE) {
          kept = e;
        }
      }
      for (Entry e : entries.get(j.name())) {
        if (e.person != secondary) {
          continue;
        }
        e.person = primary;
        if (e.state == Enrolment.State.ACTIVE) {
          if (kept != null) {
            // one person, one active journey: the later entry gives way to the one already running
            Entry later = kept.enteredAt.isAfter(e.enteredAt) ? kept : e;
            Entry earlier = later == kept ? e : kept;
            later.exit(now, "merged with cio_" + primary.cioId + ", who was already in this journey since "
                + earlier.enteredAt, null);
            kept = earlier;
          } else {
            kept = e;
          }
        }
      }
    }
  }

  /** The person was deleted or suppressed: Customer.io stops their journeys. */
  void onRemove(PersonRecord person, Instant now, String why) {
    advance(now);
    for (List<Entry> list : entries.values()) {
      for (Entry e : list) {
        if (e.person == person && e.state == Enrolment.State.ACTIVE) {
          e.exit(now, why, null);
        }
      }
    }
  }

  void clear() {
    entries.values().forEach(List::clear);
    declined.values().forEach(ArrayDeque::clear);
    due.clear();
  }

  List<JourneyView> views() {
    List<JourneyView> out = new ArrayList<>(journeys.size());
    for (Journey j : journeys) {
      List<String> steps = new ArrayList<>();
      for (Journey.Step s : j.steps()) {
        steps.add((s.delay().isZero() ? "at once" : "wait " + Durations.show(s.delay())) + ", then " + s.message());
      }
      List<Enrolment> enrolments = new ArrayList<>();
      for (Entry e : entries.get(j.name())) {
        enrolments.add(e.view());
      }
      List<DeclinedTrigger> no = new ArrayList<>();
      for (Declined d : declined.get(j.name())) {
        no.add(new DeclinedTrigger(j.name(), d.person.ref(), d.event, d.reason, d.at));
      }
      out.add(new JourneyView(j.name(), j.description(), j.trigger().toString(), j.segment(), j.exitOn(), steps,
          enrolments, no));
    }
    return out;
  }

  private void decline(Journey j, PersonRecord person, StoredEvent event, Instant now, String why) {
    ArrayDeque<Declined> list = declined.get(j.name());
    list.addLast(new Declined(person, deciding(event), why, now));
    if (list.size() > MAX_DECLINED) {
      list.removeFirst();
    }
  }

  /** The first condition of the segment the attributes fail, or null when they are in it. */
  private static String failing(Segment segment, ObjectNode attributes) {
    for (Condition c : segment.conditions()) {
      if (!c.test(attributes.get(c.name()))) {
        return c.toString();
      }
    }
    return null;
  }

  private static DecidingEvent deciding(StoredEvent e) {
    return new DecidingEvent(e.seq, e.id, e.name, e.timestamp, e.receivedAt);
  }

  private record Declined(PersonRecord person, DecidingEvent event, String reason, Instant at) {}

  private static final class Entry {
    final Journey journey;
    final Instant enteredAt;
    final DecidingEvent trigger;
    final long order;
    final List<WouldMessage> messages = new ArrayList<>();
    PersonRecord person;
    Enrolment.State state = Enrolment.State.ACTIVE;
    int step;
    Instant nextDue;
    /** The key it waits under in the queue; fixed while queued, because the queue's order must not change. */
    Instant queuedFor;
    Instant exitedAt;
    String exitReason;
    DecidingEvent exitEvent;

    Entry(Journey journey, PersonRecord person, Instant enteredAt, DecidingEvent trigger, long order) {
      this.journey = journey;
      this.person = person;
      this.enteredAt = enteredAt;
      this.trigger = trigger;
      this.order = order;
    }

    void queue(PriorityQueue<Entry> due) {
      queuedFor = nextDue;
      due.add(this);
    }

    void exit(Instant at, String reason, DecidingEvent event) {
      state = Enrolment.State.EXITED;
      exitedAt = at;
      exitReason = reason;
      exitEvent = event;
      nextDue = null;
    }

    Enrolment view() {
      boolean active = state == Enrolment.State.ACTIVE;
      return new Enrolment(journey.name(), person.ref(), enteredAt, trigger, state, messages, exitedAt, exitReason,
          exitEvent, active ? nextDue : null, active ? journey.steps().get(step).message() : null);
    }
  }
}
