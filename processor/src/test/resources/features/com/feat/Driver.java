package com.feat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

public final class Driver {
  public static void run() {
    Map<String, Integer> tags = new LinkedHashMap<>();
    tags.put("a", 1);
    tags.put("b", 2);
    Reports.Report report = new Reports.Report(
        "ada@example.com", 42L,
        OffsetDateTime.of(2026, 11, 23, 10, 15, 30, 0, ZoneOffset.ofHours(1)),
        LocalDate.of(2026, 12, 1), tags, new int[] {1, 2, 3}, 0.5, new BigInteger("12345678901234567890"),
        null, 'R', UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        new Reports.Owner("Ada", true, new StringBuilder("https://x.example")), OptionalInt.of(7), 3,
        ZonedDateTime.of(2026, 11, 23, 10, 15, 30, 0, ZoneId.of("Europe/London")), "s3cret");
    Reports_generate_TrackweaveMapper.afterReturn(report);

    Map<String, Object> preferences = new LinkedHashMap<>();
    preferences.put("theme", "dark");
    preferences.put("beta", true);
    Reports_profile_TrackweaveMapper.afterReturn("ada@example.com", LocalDate.of(1990, 5, 17), preferences,
        Instant.parse("2026-11-23T10:15:30Z"), List.of(3L, 5L));
  }
}
