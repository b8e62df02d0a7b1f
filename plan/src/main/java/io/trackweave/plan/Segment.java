package io.trackweave.plan;

import java.util.List;
import java.util.Objects;

/**
 * A segment of people the team messages, declared in the plan as attribute conditions that must all hold,
 * like a Customer.io data-driven segment with "all of" conditions on attributes.
 *
 * @param name the segment's name (lowercase snake_case)
 * @param description what it means, for people; may be null
 * @param conditions conditions on person attributes, all of which must hold, in plan order
 * @param pointer where it sits in the plan file, e.g. {@code segments.emailable}
 */
public record Segment(String name, String description, List<Condition> conditions, String pointer) {
  public Segment {
    Objects.requireNonNull(name, "name");
    conditions = List.copyOf(conditions);
  }

  /** Whether a person with these attributes (a JSON object; null for none) is in the segment. */
  public boolean contains(com.fasterxml.jackson.databind.JsonNode attributes) {
    for (Condition c : conditions) {
      if (!c.test(attributes == null ? null : attributes.get(c.name()))) {
        return false;
      }
    }
    return true;
  }
}
