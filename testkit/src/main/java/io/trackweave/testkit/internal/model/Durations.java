package io.trackweave.testkit.internal.model;

import java.time.Duration;
import java.time.Instant;

/** How the emulator words durations in its notes and on the activity page: {@code 80h}, {@code 6m 0s}, {@code 2h}. */
final class Durations {
  private Durations() {}

  /** Whole hours and minutes: {@code 80h}, {@code 2h 5m}. */
  static String hours(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    return h + "h" + (m > 0 ? " " + m + "m" : "");
  }

  /** A journey step's wait in its largest whole unit: {@code 3d}, {@code 2h}, {@code 90m}, {@code 45s}. */
  static String show(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
      return d.toMinutes() + "m";
    }
    return d.getSeconds() + "s";
  }

  /** The time from {@code from} to {@code to}: seconds, minutes and seconds, or hours. */
  static String ago(Instant from, Instant to) {
    if (from == null) {
      return "some time";
    }
    long s = Math.max(0, Duration.between(from, to).getSeconds());
    return s >= 3600 ? hours(s) : s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s";
  }
}
