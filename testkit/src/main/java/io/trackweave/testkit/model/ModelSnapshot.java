package io.trackweave.testkit.model;

import java.util.List;

/**
 * A consistent copy of the whole people model, taken under one lock.
 *
 * @param journeys the plan's journeys as evaluated on what arrived, up to the emulator clock's now
 * @param eventTotals per event name, what arrived since start, in order of first arrival
 */
public record ModelSnapshot(
    List<PersonView> people, List<AnonymousView> anonymous, List<Identifier> suppressed, Counts counts,
    List<JourneyView> journeys,
    List<EventTotal> eventTotals) {
  public ModelSnapshot {
    people = List.copyOf(people);
    anonymous = List.copyOf(anonymous);
    suppressed = List.copyOf(suppressed);
    journeys = List.copyOf(journeys);
    eventTotals = List.copyOf(eventTotals);
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
