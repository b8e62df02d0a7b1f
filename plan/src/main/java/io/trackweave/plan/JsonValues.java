package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The plan's scalar values as the model holds them, their JSON types, and how messages show them. */
final class JsonValues {
  private JsonValues() {}

  /** A scalar node as the model holds it: String, Long, BigDecimal, Boolean or null. */
  static Object plainValue(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : new BigDecimal(v.bigIntegerValue());
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    return null;
  }

  /** The JSON type of a {@link #plainValue}; a decimal without a fraction is an integer. */
  static JsonType typeOf(Object value) {
    if (value == null) {
      return JsonType.NULL;
    }
    if (value instanceof String) {
      return JsonType.STRING;
    }
    if (value instanceof Boolean) {
      return JsonType.BOOLEAN;
    }
    if (value instanceof Long) {
      return JsonType.INTEGER;
    }
    BigDecimal d = (BigDecimal) value;
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? JsonType.INTEGER : JsonType.NUMBER;
  }

  /** Whether a value of {@code valueType} passes {@code types} (an integer is also a number). */
  static boolean fits(JsonType valueType, Set<JsonType> types) {
    return types.contains(valueType) || (valueType == JsonType.INTEGER && types.contains(JsonType.NUMBER));
  }

  /** A {@link #plainValue} as a message shows it: text quoted, decimals without exponent. */
  static String render(Object value) {
    if (value instanceof String) {
      return "'" + value + "'";
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    return String.valueOf(value);
  }

  /** {@code string}, or {@code [string, null]} for several, in {@link JsonType} order. */
  static String typeNames(Set<JsonType> types) {
    List<String> names = new ArrayList<>();
    for (JsonType t : JsonType.values()) {
      if (types.contains(t)) {
        names.add(t.keyword());
      }
    }
    return names.size() == 1 ? names.get(0) : names.toString();
  }
}
