package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One condition of a segment or of a journey trigger's property filter, on one attribute or property:
 * {@code email: {exists: true}}, {@code customer_type: {in: [registered, vip]}}, {@code cart_value:
 * {greater_than: 50}}, or a bare value for equality ({@code sms_opt_in: true}).
 *
 * @param name the attribute (segment) or property (trigger filter) it tests
 * @param operator how it tests
 * @param values the operand(s) as plain Java JSON values: one for every operator but {@link Operator#IN},
 *     which has one or more; for {@link Operator#EXISTS}, a single {@link Boolean}
 * @param pointer where it sits in the plan file, e.g. {@code segments.emailable.where.email}
 */
public record Condition(String name, Operator operator, List<Object> values, String pointer) {

  /** The operators, by their key in the plan. */
  public enum Operator {
    EXISTS("exists"),
    EQUALS("equals"),
    NOT_EQUALS("not_equals"),
    IN("in"),
    GREATER_THAN("greater_than"),
    LESS_THAN("less_than");

    private final String key;

    Operator(String key) {
      this.key = key;
    }

    /** The operator's key in the plan, e.g. {@code greater_than}. */
    public String key() {
      return key;
    }
  }

  public Condition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(operator, "operator");
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  /**
   * Whether {@code value} (the attribute or property as received; null or a missing node when absent)
   * meets this condition. Numbers compare by value ({@code 1} equals {@code 1.0}); a number never equals a
   * string.
   */
  public boolean test(JsonNode value) {
    boolean present = value != null && !value.isMissingNode() && !value.isNull();
    switch (operator) {
      case EXISTS:
        return present == (Boolean) values.get(0);
      case EQUALS:
        return present ? same(value, values.get(0)) : values.get(0) == null;
      case NOT_EQUALS:
        return !(present ? same(value, values.get(0)) : values.get(0) == null);
      case IN:
        for (Object v : values) {
          if (present ? same(value, v) : v == null) {
            return true;
          }
        }
        return false;
      case GREATER_THAN:
        return present && value.isNumber() && value.decimalValue().compareTo(number(values.get(0))) > 0;
      case LESS_THAN:
        return present && value.isNumber() && value.decimalValue().compareTo(number(values.get(0))) < 0;
      default:
        throw new AssertionError(operator);
    }
  }

  private static boolean same(JsonNode node, Object expected) {
    if (expected == null) {
      return node.isNull();
    }
    if (expected instanceof String s) {
      return node.isTextual() && node.asText().equals(s);
    }
    if (expected instanceof Boolean b) {
      return node.isBoolean() && node.booleanValue() == b;
    }
    return node.isNumber() && node.decimalValue().compareTo(number(expected)) == 0;
  }

  private static BigDecimal number(Object o) {
    return o instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) o).longValue());
  }

  /** The condition as the plan would write it, for messages and the activity page. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> name + ((Boolean) values.get(0) ? " exists" : " does not exist");
      case EQUALS -> name + " = " + show(values.get(0));
      case NOT_EQUALS -> name + " != " + show(values.get(0));
      case IN -> name + " in " + values.stream().map(Condition::show).toList();
      case GREATER_THAN -> name + " > " + show(values.get(0));
      case LESS_THAN -> name + " < " + show(values.get(0));
    };
  }

  private static String show(Object v) {
    if (v instanceof String) {
      return "'" + v + "'";
    }
    return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
  }
}
