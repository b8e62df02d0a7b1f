package io.trackweave.runtime.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses settings' text forms: durations ({@code 250ms}, {@code 2s}, {@code 1m}, {@code PT1S}), sizes, booleans. */
public final class SettingValues {
  private SettingValues() {}

  /** {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}, ISO-8601 {@code PT2S}; a bare number is milliseconds. */
  public static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    long factorMillis;
    String digits;
    if (t.endsWith("ms")) {
      factorMillis = 1;
      digits = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      factorMillis = 1000;
      digits = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factorMillis = 60_000;
      digits = t.substring(0, t.length() - 1);
    } else if (t.endsWith("h")) {
      factorMillis = 3_600_000;
      digits = t.substring(0, t.length() - 1);
    } else {
      factorMillis = 1;
      digits = t;
    }
    try {
      return positive(Duration.ofMillis(Math.multiplyExact(Long.parseLong(digits.trim()), factorMillis)), text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 2s, 1m)");
    }
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration: '" + text + "'");
    }
    return d;
  }

  /** A whole number, optionally with a binary suffix {@code k}, {@code m}, {@code g} (KiB, MiB, GiB). */
  public static long size(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    long factor = 1;
    if (t.endsWith("k") || t.endsWith("ki")) {
      factor = 1024;
    } else if (t.endsWith("m") || t.endsWith("mi")) {
      factor = 1024 * 1024;
    } else if (t.endsWith("g") || t.endsWith("gi")) {
      factor = 1024L * 1024 * 1024;
    }
    String digits = t.replaceAll("[kmgi]+$", "").trim();
    try {
      long v = Math.multiplyExact(Long.parseLong(digits), factor);
      if (v < 0) {
        throw new IllegalArgumentException("negative size: '" + text + "'");
      }
      return v;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 32m, 500000)");
    }
  }

  public static int positiveInt(String text) {
    long v;
    try {
      v = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number: '" + text + "'");
    }
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("out of range: '" + text + "'");
    }
    return (int) v;
  }

  /** A whole number, zero or more. */
  public static int nonNegativeInt(String text) {
    long v;
    try {
      v = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number: '" + text + "'");
    }
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("out of range: '" + text + "'");
    }
    return (int) v;
  }

  public static double positiveDouble(String text) {
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: '" + text + "'");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("must be a positive number: '" + text + "'");
    }
    return v;
  }

  public static boolean bool(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return true;
      case "false":
      case "no":
      case "off":
      case "0":
        return false;
      default:
        throw new IllegalArgumentException("not a boolean: '" + text + "' (use true or false)");
    }
  }

  /** A comma-separated list of names (event names): blanks dropped; an empty list is allowed. */
  public static java.util.List<String> names(String text) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String part : text.split(",")) {
      String name = part.strip();
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }
}
