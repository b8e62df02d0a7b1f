package io.trackweave.testkit.model;

import java.util.List;

/** A consistent copy of the whole people model, taken under one lock. */
public record ModelSnapshot(
    List<PersonView> people, List<AnonymousView> anonymous, List<Identifier> suppressed, Counts counts) {
  public ModelSnapshot {
    people = List.copyOf(people);
    anonymous = List.copyOf(anonymous);
    suppressed = List.copyOf(suppressed);
  }
}
