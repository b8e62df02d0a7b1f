package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A live value (a parsed {@link JsonNode}, as the validator receives it): its JSON type, and how a violation's
 * message shows it. The plan's own values, as the model holds them, are {@link JsonValues}'.
 */
final class LiveValues {
  /** Longer strings are cut in messages: a violation should point at the value, not repeat a whole document. */
  private static final int SHOWN_CHARS = 80;

  private LiveValues() {}

  /** The JSON type of a value; a number with no fractional part is an integer; null for no JSON type. */
  static JsonType typeOf(JsonNode v) {
    switch (v.getNodeType()) {
      case STRING: return JsonType.STRING;
      case BOOLEAN: return JsonType.BOOLEAN;
      case NULL:
      case MISSING: return JsonType.NULL;
      case OBJECT: return JsonType.OBJECT;
      case ARRAY: return JsonType.ARRAY;
      case NUMBER: return isWhole(v) ? JsonType.INTEGER : JsonType.NUMBER;
      default: return null;
    }
  }

  /** Whether a number has no fractional part ({@code 3} and {@code 3.0}, not {@code 3.5}). */
  static boolean isWhole(JsonNode v) {
    if (v.isIntegralNumber()) {
      return true;
    }
    if (v.isDouble() || v.isFloat()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d);
    }
    BigDecimal d = v.decimalValue();
    return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /** A value as a message shows it after "got": its type, and the value itself when it is a scalar. */
  static String describe(JsonNode v) {
    switch (v.getNodeType()) {
      case STRING: return "string " + quote(v.textValue());
      case NUMBER: return (isWhole(v) ? "integer " : "number ") + v.asText();
      case BOOLEAN: return "boolean " + v.asText();
      case NULL:
      case MISSING: return "null";
      case OBJECT: return "object";
      case ARRAY: return "array";
      default: return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
  }

  /** A string as a message quotes it, cut to {@value #SHOWN_CHARS} characters. */
  static String quote(String s) {
    return "'" + (s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS - 3) + "..." : s) + "'";
  }
}
