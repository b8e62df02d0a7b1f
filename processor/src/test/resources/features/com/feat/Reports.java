package com.feat;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.EventTimestamp;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.NotTracked;
import io.trackweave.annotations.Payload;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import io.trackweave.annotations.TrackEvent;

/** Every Java-to-JSON mapping of the type table, against the features plan (identifier: email). */
public class Reports {
  /** A class with getters, nested in a record. */
  public static class Owner {
    private final String name;
    private final boolean active;
    private final CharSequence url;

    public Owner(String name, boolean active, CharSequence url) {
      this.name = name;
      this.active = active;
      this.url = url;
    }

    public String getName() { return name; }
    public boolean isActive() { return active; }
    public CharSequence getUrl() { return url; }
  }

  public record Report(
      @CustomerId String ownerEmail,
      long reportNumber,
      OffsetDateTime generatedAt,
      LocalDate dueOn,
      Map<String, Integer> tags,
      int[] counts,
      Double ratio,
      BigInteger big,
      Boolean flag,
      char initial,
      UUID token,
      Owner owner,
      OptionalInt maybe,
      Object anything,
      @EventTimestamp ZonedDateTime at,
      @NotTracked String secret) {}

  @TrackEvent("report_generated")
  public void generate(@Payload Report report) {}

  @IdentifyOn
  public void profile(
      @CustomerId String email,
      @Attr LocalDate birthday,
      @Attr Map<String, Object> preferences,
      @Attr("last_seen") Instant lastSeen,
      @Attr List<Long> scores) {}
}
