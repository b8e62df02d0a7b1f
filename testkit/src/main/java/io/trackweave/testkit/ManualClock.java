package io.trackweave.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move forward by hand, for the emulator's time windows (journey waits, the 72-hour trigger
 * rule, the anonymous merge windows): {@code clock.advance(Duration.ofHours(2))} instead of sleeping.
 *
 * <p>{@link #ofSystemTime()} follows the system clock plus whatever was advanced, so time still flows and the
 * timestamps of what a runtime sends stay realistic; {@link #fixedAt(Instant)} stands still until advanced.
 * Time never goes backwards. Thread-safe.
 */
public final class ManualClock extends Clock {
  private final Clock base;
  private final AtomicLong offsetNanos;
  private final ZoneId zone;

  private ManualClock(Clock base, AtomicLong offsetNanos, ZoneId zone) {
    this.base = base;
    this.offsetNanos = offsetNanos;
    this.zone = zone;
  }

  /** The system clock (UTC), plus what {@link #advance} adds. */
  public static ManualClock ofSystemTime() {
    return new ManualClock(Clock.systemUTC(), new AtomicLong(), ZoneOffset.UTC);
  }

  /** A clock that shows {@code instant} until advanced. */
  public static ManualClock fixedAt(Instant instant) {
    return new ManualClock(Clock.fixed(Objects.requireNonNull(instant, "instant"), ZoneOffset.UTC), new AtomicLong(),
        ZoneOffset.UTC);
  }

  /** Moves this clock forward by {@code amount}; returns it. */
  public ManualClock advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward; cannot advance by " + amount);
    }
    offsetNanos.addAndGet(amount.toNanos());
    return this;
  }

  /** How far this clock has been advanced beyond its base. */
  public Duration advanced() {
    return Duration.ofNanos(offsetNanos.get());
  }

  /** Forgets every advance: back to the base clock's time. */
  public void reset() {
    offsetNanos.set(0);
  }

  @Override
  public Instant instant() {
    return base.instant().plusNanos(offsetNanos.get());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same clock (advancing one advances both) in another zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(base, offsetNanos, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + ", advanced " + advanced() + "]";
  }
}
