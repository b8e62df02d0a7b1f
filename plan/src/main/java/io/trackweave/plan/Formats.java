package io.trackweave.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code format} checks a plan may ask for, in one place so that the validator, the emulator and the code the
 * processor generates agree on them. String formats apply to strings only and {@code unix-time} to numbers only
 * (JSON Schema: a format ignores values of other types; {@code type} catches those).
 */
public final class Formats {
  /**
   * The largest magnitude accepted as unix seconds: 10^11 s is the year 5138. A current timestamp in
   * milliseconds (about 1.7 * 10^12) is far above it, which is the mistake this bound is for.
   */
  public static final long MAX_UNIX_SECONDS = 100_000_000_000L;

  private Formats() {}

  /**
   * RFC 3339 {@code date-time} with a required offset: {@code 2026-11-03T10:15:30Z},
   * {@code 2026-11-03T10:15:30.123+01:00}; 't' and 'z' may be lowercase.
   */
  public static boolean isDateTime(String s) {
    if (s.length() < 20 || s.length() > 40) {
      return false;
    }
    char t = s.charAt(10);
    if (t != 'T' && t != 't') {
      return false;
    }
    try {
      OffsetDateTime.parse(s.replace('t', 'T').replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** RFC 3339 {@code full-date}: exactly {@code yyyy-MM-dd}, a real calendar day. */
  public static boolean isDate(String s) {
    if (s.length() != 10) {
      return false;
    }
    try {
      LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * An address Customer.io can send to: one '@', a local part of 1 to 64 characters without spaces, and a
   * domain of dot-separated labels (letters, digits, hyphens, non-ASCII letters; no empty label, no label
   * starting or ending with a hyphen). Quoted local parts and IP-literal domains are not accepted.
   */
  public static boolean isEmail(String s) {
    int at = s.indexOf('@');
    if (at < 1 || at > 64 || at != s.lastIndexOf('@') || at == s.length() - 1 || s.length() > 254) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>'
          || c == '[' || c == ']' || c == '\\' || c == '"' || c == 0x7f) {
        return false;
      }
    }
    if (s.charAt(0) == '.' || s.charAt(at - 1) == '.') {
      return false;
    }
    int labelStart = at + 1;
    for (int i = at + 1; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (i == labelStart || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-' || i - labelStart > 63) {
          return false;
        }
        labelStart = i + 1;
        continue;
      }
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** An absolute URI (RFC 3986, as {@link URI} parses it): it has a scheme, e.g. {@code https://shop.example/p/1}. */
  public static boolean isUri(String s) {
    if (s.isEmpty()) {
      return false;
    }
    try {
      URI uri = new URI(s);
      return uri.isAbsolute() && (uri.isOpaque() || uri.getRawSchemeSpecificPart().length() > 0);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Whole unix seconds, at most {@link #MAX_UNIX_SECONDS} either side of 1970 (so not milliseconds). */
  public static boolean isUnixTime(long seconds) {
    return seconds > -MAX_UNIX_SECONDS && seconds < MAX_UNIX_SECONDS;
  }

  /** {@link #isUnixTime(long)} for a number that may carry a fraction: it must be whole. */
  public static boolean isUnixTime(double seconds) {
    return seconds == Math.rint(seconds) && seconds > -MAX_UNIX_SECONDS && seconds < MAX_UNIX_SECONDS;
  }

  /** The check for a string format; true for {@code unix-time}, which does not apply to strings. */
  public static boolean matchesString(String format, String s) {
    switch (format) {
      case "date-time": return isDateTime(s);
      case "date": return isDate(s);
      case "email": return isEmail(s);
      case "uri": return isUri(s);
      default: return true;
    }
  }
}
