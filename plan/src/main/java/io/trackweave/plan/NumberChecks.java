package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;

/** A schema's number keywords: the inclusive {@code minimum} and {@code maximum}. */
final class NumberChecks {
  private final NumericBound minimum;
  private final NumericBound maximum;

  private NumberChecks(Schema s) {
    minimum = s.minimum() == null ? null : new NumericBound(s.minimum());
    maximum = s.maximum() == null ? null : new NumericBound(s.maximum());
  }

  /** The number checks of {@code s}, or null when it has none. */
  static NumberChecks of(Schema s) {
    return s.minimum() == null && s.maximum() == null ? null : new NumberChecks(s);
  }

  void check(JsonNode v, Violations violations) {
    if (minimum != null && minimum.compare(v) < 0) {
      violations.add("must be >= " + minimum.shown + " (minimum), got " + v.asText());
    }
    if (maximum != null && maximum.compare(v) > 0) {
      violations.add("must be <= " + maximum.shown + " (maximum), got " + v.asText());
    }
  }
}
