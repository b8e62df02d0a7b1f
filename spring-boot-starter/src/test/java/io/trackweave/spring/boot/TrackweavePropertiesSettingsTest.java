package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.runtime.internal.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link TrackweaveProperties} and the runtime's {@link Setting} are held to each other: every setting is a
 * {@code trackweave.*} property here (or is named below as not one yet, with why), under the setting's own
 * name, with the setting's default in the IDE metadata, and a value given to the property reaches the
 * runtime as that setting. A setting added to the runtime without a decision here fails.
 */
class TrackweavePropertiesSettingsTest {
  /** Bound here, but resolved against Customer.io's variables by the starter itself, not passed as text. */
  private static final Set<Setting> CREDENTIALS = EnumSet.of(Setting.SITE_ID, Setting.API_KEY);

  /** Not starter properties yet: the runtime still reads them from TRACKWEAVE_* and -Dtrackweave.* itself. */
  private static final Set<Setting> NOT_BOUND = EnumSet.of(
      Setting.PIPELINES_API_KEY, Setting.PIPELINES_UPDATE_ONLY, Setting.BACKFILL, Setting.BACKFILL_TRIGGER_EVENTS,
      Setting.TRANSPORT, Setting.KAFKA_BOOTSTRAP_SERVERS, Setting.KAFKA_TOPIC, Setting.RELAY_GROUP,
      Setting.RELAY_DEAD_LETTER_TOPIC);

  /** Values for settings whose default is not a value ({@code (from region)}, {@code (per site)}). */
  private static final Map<Setting, String> SAMPLE = Map.of(
      Setting.ENDPOINT, "http://localhost:8080", Setting.SPOOL_DIR, "/var/spool/trackweave");

  /** The Spring property of a setting: its own name, but for the one that would clash in YAML. */
  private static String property(Setting s) {
    return "trackweave." + (s == Setting.SPOOL_FSYNC_INTERVAL ? "spool.fsync-interval" : s.key());
  }

  @Test
  void everySettingIsAPropertyWithTheSettingsDefaultInTheIdeMetadata() throws IOException {
    Map<String, JsonNode> metadata = metadata();
    List<String> problems = new ArrayList<>();
    for (Setting s : Setting.values()) {
      JsonNode p = metadata.get(property(s));
      if (NOT_BOUND.contains(s)) {
        if (p != null) {
          problems.add(property(s) + " is bound now: take " + s + " off NOT_BOUND");
        }
        continue;
      }
      if (p == null) {
        problems.add("no property " + property(s) + " for setting " + s.key() + ": add it to TrackweaveProperties"
            + " (and its default to additional-spring-configuration-metadata.json), or to NOT_BOUND with why");
        continue;
      }
      String expected = s.defaultText().startsWith("(") ? null : s.defaultText();
      String actual = p.hasNonNull("defaultValue") ? p.get("defaultValue").asText() : null;
      if (expected == null ? actual != null : !expected.equals(actual) && !sameNumber(expected, actual)) {
        problems.add(property(s) + ": the IDE metadata's default is " + actual + ", the runtime's " + expected);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aValueGivenToEachPropertyReachesTheRuntimeAsItsSetting() {
    Map<String, String> given = new HashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (Setting s : Setting.values()) {
      if (NOT_BOUND.contains(s) || CREDENTIALS.contains(s)) {
        continue;
      }
      String value = SAMPLE.getOrDefault(s, s.defaultText());
      given.put(property(s), value);
      expected.put(s.key(), value);
    }
    TrackweaveProperties properties = new Binder(new MapConfigurationPropertySource(given))
        .bindOrCreate("trackweave", TrackweaveProperties.class);

    Map<String, String> settings = properties.runtimeSettings();

    assertThat(settings).containsOnlyKeys(expected.keySet());
    settings.forEach((key, value) -> {
      Setting s = Setting.byAnyName(key);
      assertThat(s).as(key).isNotNull();
      assertThat(s.parse(value)).as(key).isEqualTo(s.parse(expected.get(key)));
    });
  }

  /** Spring writes a Double default as {@code 100.0}; the setting's text is {@code 100}. */
  private static boolean sameNumber(String a, String b) {
    try {
      return b != null && new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The IDE metadata the configuration processor wrote (with the additional file merged), by property name. */
  private static Map<String, JsonNode> metadata() throws IOException {
    try (InputStream in = TrackweaveProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
      Map<String, JsonNode> byName = new HashMap<>();
      for (JsonNode p : new ObjectMapper().readTree(in).get("properties")) {
        byName.put(p.get("name").asText(), p);
      }
      return byName;
    }
  }
}
