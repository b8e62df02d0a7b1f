package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema's {@code format}, as the validator reports it. Whether a value matches is {@link Formats}' to say
 * (so the emulator and the generated code agree); this class applies it as JSON Schema does, string formats
 * to strings and {@code unix-time} to numbers, and says how to fix a miss, notably a timestamp in milliseconds.
 */
final class FormatCheck {
  private static final String UNIX_TIME = "unix-time";

  private final String format;

  FormatCheck(String format) {
    this.format = format;
  }

  /** Adds a violation when {@code v}, of JSON type {@code type} (already checked), misses the format. */
  void check(JsonNode v, JsonType type, Violations violations) {
    switch (type) {
      case STRING:
        if (!Formats.matchesString(format, v.textValue())) {
          violations.add("is not a valid " + format + " (format), got " + LiveValues.quote(v.textValue()));
        }
        break;
      case INTEGER:
      case NUMBER:
        if (UNIX_TIME.equals(format)) {
          checkUnixTime(v, type, violations);
        }
        break;
      default:
        break;
    }
  }

  private static void checkUnixTime(JsonNode v, JsonType type, Violations violations) {
    boolean ok = type == JsonType.INTEGER && (v.canConvertToLong()
        ? Formats.isUnixTime(v.isIntegralNumber() ? v.longValue() : (long) v.doubleValue())
        : false);
    if (!ok) {
      violations.add(type == JsonType.INTEGER && Math.abs(v.doubleValue()) >= Formats.MAX_UNIX_SECONDS
          ? "must be unix seconds (format unix-time); " + v.asText() + " looks like milliseconds: divide by 1000"
          : "must be whole unix seconds (format unix-time), got " + v.asText());
    }
  }
}
