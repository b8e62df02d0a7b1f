package io.trackweave.runtime.internal.send;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait in nanoseconds, or -1 when the header is absent or unreadable. */
  public static long nanos(String header, long nowEpochMillis) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String h = header.trim();
    if (h.chars().allMatch(Character::isDigit)) {
      try {
        return TimeUnit.SECONDS.toNanos(Math.min(Long.parseLong(h), 86_400L));
      } catch (NumberFormatException e) {
        return TimeUnit.DAYS.toNanos(1);
      }
    }
    try {
      long at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return TimeUnit.MILLISECONDS.toNanos(Math.max(0, at - nowEpochMillis));
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
