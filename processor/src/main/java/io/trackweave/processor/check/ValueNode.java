package io.trackweave.processor.check;

import io.trackweave.processor.model.JavaShape;
import java.util.List;

/**
 * How one Java value becomes one JSON value, checked against its schema: the tree the mapper writer walks.
 *
 * @param shape the Java side
 * @param json the JSON type written ({@code string}, {@code integer}, ... or {@code any})
 * @param iso for times: write an ISO-8601 string instead of unix seconds
 * @param inner the element (arrays), value (maps) or wrapped (Optional) node
 * @param members an object's properties
 * @param snakeCase for an enum: the plan spells its values as the constants' snake_case
 *     ({@code TOO_MUCH_COFFEE -> too_much_coffee}), so the mapper sends that instead of {@code name()}
 * @param allowed for a String into a property the plan restricts to an enum: the values the mapper lets
 *     through at run time (any other is counted as a violation and left out); otherwise null
 * @param normalize for a String: the plan's {@code normalize} steps ({@code trim}, {@code lowercase}, ...),
 *     applied by the mapper before the value is checked and sent; empty for none
 */
public record ValueNode(JavaShape shape, String json, boolean iso, ValueNode inner, List<Write> members,
    boolean snakeCase, List<String> allowed, List<String> normalize) {

  public ValueNode {
    normalize = normalize == null ? List.of() : List.copyOf(normalize);
  }

  public ValueNode(JavaShape shape, String json, boolean iso, ValueNode inner, List<Write> members,
      boolean snakeCase, List<String> allowed) {
    this(shape, json, iso, inner, members, snakeCase, allowed, List.of());
  }

  public ValueNode(JavaShape shape, String json, boolean iso, ValueNode inner, List<Write> members) {
    this(shape, json, iso, inner, members, false, null, List.of());
  }
}
