package io.trackweave.testkit.model;

import java.util.List;

/**
 * A consistent copy of the whole people model, taken under one lock.
 *
 * @param journeys the plan's journeys as evaluated on what arrived, up to the emulator clock's now
 * @param eventTotals per event name, what arrived since start, in order of first arrival
 * @param objects the objects (companies, accounts...) with their relationships, in creation order
 */
public record ModelSnapshot(
    List<PersonView> people, List<AnonymousView> anonymous, List<Identifier> suppressed, Counts counts,
    List<JourneyView> journeys,
    List<EventTotal> eventTotals,
    List<ObjectView> objects) {
  public ModelSnapshot {
    people = List.copyOf(people);
    anonymous = List.copyOf(anonymous);
    suppressed = List.copyOf(suppressed);
    journeys = List.copyOf(journeys);
    eventTotals = List.copyOf(eventTotals);
    objects = List.copyOf(objects);
  }

  /** The object {@code typeId}/{@code id}, or null when there is none such. */
  public ObjectView object(String typeId, String id) {
    for (ObjectView o : objects) {
      if (o.is(typeId, id)) {
        return o;
      }
    }
    return null;
  }

  /** The journey of that name, or null when the plan has none such. */
  public JourneyView journey(String name) {
    for (JourneyView j : journeys) {
      if (j.name().equals(name)) {
        return j;
      }
    }
    return null;
  }
}
