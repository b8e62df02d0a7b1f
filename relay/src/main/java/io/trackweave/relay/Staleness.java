package io.trackweave.relay;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Warns as the oldest undelivered operation nears 72 hours: Customer.io no longer triggers campaigns from
 * events older than that, so a backlog that old still arrives but no longer does its job. A warning from 48
 * hours on, an error from 72, each at most every ten minutes.
 */
final class Staleness {
  static final Duration WARN_AT = Duration.ofHours(48);
  static final Duration CAMPAIGN_LIMIT = Duration.ofHours(72);
  private static final long EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

  private final LongSupplier clockMillis;
  private final Logger log;
  private long lastWarned = Long.MIN_VALUE;

  Staleness(LongSupplier clockMillis, Logger log) {
    this.clockMillis = clockMillis;
    this.log = log;
  }

  /**
   * Looks at the capture time (epoch ms) of the oldest undelivered operation, -1 for none. Returns the
   * level logged, or null when nothing was.
   */
  Level check(long oldestCaptureMillis) {
    if (oldestCaptureMillis < 0) {
      return null;
    }
    long now = clockMillis.getAsLong();
    long age = now - oldestCaptureMillis;
    if (age < WARN_AT.toMillis() || lastWarned != Long.MIN_VALUE && now - lastWarned < EVERY_MILLIS) {
      return null;
    }
    lastWarned = now;
    Level level = age >= CAMPAIGN_LIMIT.toMillis() ? Level.ERROR : Level.WARNING;
    log.log(level, String.format(java.util.Locale.ROOT,
        "trackweave-relay: the oldest undelivered operation was captured %.1f hours ago; Customer.io does not"
            + " trigger campaigns from events older than 72 hours%s. Check that Customer.io answers and that"
            + " the relays keep up (lag, rate.limit)",
        age / 3_600_000.0, level == Level.ERROR ? " (this one is past it)" : ""));
    return level;
  }
}
