package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads one condition of a segment or a trigger ({@code {exists: true}}, {@code {in: [a, b]}}, a bare value) and
 * checks its value against the attribute's or property's schema: a value it could never hold is a problem.
 */
final class ConditionLinter {
  static final List<String> OPERATORS =
      Arrays.stream(Condition.Operator.values()).map(Condition.Operator::key).toList();

  private static final Object NOT_A_VALUE = new Object();

  private final PlanProblems problems;
  /** Follows $refs; null when the plan's references are broken (reported already). */
  private final UnaryOperator<Schema> resolve;

  ConditionLinter(PlanProblems problems, UnaryOperator<Schema> resolve) {
    this.problems = problems;
    this.resolve = resolve;
  }

  /**
   * One condition; {@code schema} is the attribute's or property's schema (null when unknown, which skips the
   * value checks). Returns null when the condition is unusable.
   */
  Condition condition(String name, JsonNode node, String at, Schema schema, String what) {
    Condition.Operator operator;
    JsonNode operand;
    String operandPath = at;
    if (node != null && node.isObject()) {
      if (node.size() != 1) {
        problems.report(at, PlanMessage.CONDITION_NOT_ONE_OPERATOR, String.join(", ", OPERATORS), node.size());
        return null;
      }
      Map.Entry<String, JsonNode> only = node.properties().iterator().next();
      operator = EnumKeys.of(Condition.Operator.values(), Condition.Operator::key, only.getKey());
      operandPath = LocatedTree.child(at, only.getKey());
      if (operator == null) {
        problems.report(operandPath, PlanMessage.UNKNOWN_OPERATOR, only.getKey(),
            PlanMessage.didYouMean(only.getKey(), OPERATORS), String.join(", ", OPERATORS));
        return null;
      }
      operand = only.getValue();
    } else if (node != null && node.isArray()) {
      operator = Condition.Operator.IN;
      operand = node;
    } else {
      operator = Condition.Operator.EQUALS;
      operand = node;
    }
    List<Object> values = new ArrayList<>();
    switch (operator) {
      case EXISTS -> {
        if (!operand.isBoolean()) {
          problems.report(operandPath, PlanMessage.BAD_EXISTS, PlanMessage.describe(operand));
          return null;
        }
        values.add(operand.booleanValue());
      }
      case IN -> {
        if (!operand.isArray() || operand.isEmpty()) {
          problems.report(operandPath, PlanMessage.BAD_IN, PlanMessage.describe(operand));
          return null;
        }
        for (int i = 0; i < operand.size(); i++) {
          Object v = scalar(operand.get(i), operandPath + "[" + i + "]", name, schema, what);
          if (v == NOT_A_VALUE) {
            return null;
          }
          values.add(v);
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (!operand.isNumber()) {
          problems.report(operandPath, PlanMessage.COMPARISON_NOT_NUMBER, operator.key(),
              PlanMessage.describe(operand));
          return null;
        }
        Schema s = schema == null ? null : resolve.apply(schema);
        if (s != null && !s.types().isEmpty() && !s.allows(JsonType.NUMBER) && !s.allows(JsonType.INTEGER)) {
          problems.report(operandPath, PlanMessage.COMPARISON_OF_NON_NUMBER, operator.key(), what, name,
              JsonValues.typeNames(s.types()));
          return null;
        }
        values.add(JsonValues.plainValue(operand));
      }
      default -> {
        Object v = scalar(operand, operandPath, name, schema, what);
        if (v == NOT_A_VALUE) {
          return null;
        }
        values.add(v);
      }
    }
    return new Condition(name, operator, values, at);
  }

  /** A comparison value, checked against the schema: a value it could never hold is a problem. */
  private Object scalar(JsonNode v, String at, String name, Schema schema, String what) {
    if (v == null || v.isContainerNode()) {
      problems.report(at, PlanMessage.CONDITION_VALUE_NOT_SCALAR, PlanMessage.describe(v));
      return NOT_A_VALUE;
    }
    Object value = JsonValues.plainValue(v);
    Schema s = schema == null ? null : resolve.apply(schema);
    if (s == null) {
      return value;
    }
    JsonType type = v.isNull() ? JsonType.NULL : v.isTextual() ? JsonType.STRING : v.isBoolean() ? JsonType.BOOLEAN
        : v.isIntegralNumber() ? JsonType.INTEGER : JsonType.NUMBER;
    Set<JsonType> fits = type == JsonType.INTEGER ? EnumSet.of(JsonType.INTEGER, JsonType.NUMBER) : EnumSet.of(type);
    if (type != JsonType.NULL && !s.types().isEmpty() && fits.stream().noneMatch(s.types()::contains)) {
      problems.report(at, PlanMessage.CONDITION_VALUE_TYPE, what, name, JsonValues.typeNames(s.types()),
          v.toString(), type.keyword(), JsonValues.typeNames(s.types()));
      return NOT_A_VALUE;
    }
    if (value instanceof String str && s.enumValues() != null && !s.enumValues().contains(s.normalized(str))) {
      problems.report(at, PlanMessage.CONDITION_VALUE_NOT_IN_ENUM, str, what, name, s.enumValues(),
          PlanMessage.didYouMean(str, s.enumValues().stream().map(String::valueOf).toList()));
      return NOT_A_VALUE;
    }
    if (value instanceof String str && !s.normalize().isEmpty() && !s.normalized(str).equals(str)) {
      problems.report(at, PlanMessage.CONDITION_VALUE_NOT_NORMAL, str, what, name, s.normalized(str),
          s.normalized(str));
      return NOT_A_VALUE;
    }
    return value;
  }
}
