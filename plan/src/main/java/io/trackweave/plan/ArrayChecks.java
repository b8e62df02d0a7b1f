package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;

/** A schema's array keywords: {@code minItems}, {@code maxItems}, and {@code items} (every element). */
final class ArrayChecks {
  private final int minItems; // -1: none
  private final int maxItems; // -1: none
  /** Null when elements may be anything. */
  private final CompiledSchema items;

  private ArrayChecks(Schema s, SchemaCompiler compiler) {
    minItems = s.minItems() == null ? -1 : s.minItems();
    maxItems = s.maxItems() == null ? -1 : s.maxItems();
    items = s.items() == null ? null : compiler.compile(s.items());
  }

  /** The array checks of {@code s} (its items compiled by {@code compiler}), or null when it has none. */
  static ArrayChecks of(Schema s, SchemaCompiler compiler) {
    boolean none = s.minItems() == null && s.maxItems() == null && s.items() == null;
    return none ? null : new ArrayChecks(s, compiler);
  }

  void check(JsonNode array, Violations violations) {
    int size = array.size();
    if (minItems >= 0 && size < minItems) {
      violations.add("must have at least " + minItems + " items (minItems), got " + size);
    }
    if (maxItems >= 0 && size > maxItems) {
      violations.add("must have at most " + maxItems + " items (maxItems), got " + size);
    }
    if (items != null) {
      for (int i = 0; i < size; i++) {
        int mark = violations.enter(i);
        items.check(array.get(i), violations);
        violations.leave(mark);
      }
    }
  }
}
