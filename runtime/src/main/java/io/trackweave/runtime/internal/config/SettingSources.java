package io.trackweave.runtime.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the settings from their sources and decides which one wins: the environment, then system
 * properties, then the overrides map (agent arguments), later winning. A value that does not parse is a
 * problem, and the next weaker source's value is used instead (the default when none parses): reading
 * never throws. Except where the data goes: a {@code region} or {@code endpoint} that does not parse never
 * falls back (not to a weaker source, not to the US default); it fails closed instead.
 */
public final class SettingSources {
  /**
   * Settings whose bad value disables the runtime instead of falling back: a mistyped region or
   * endpoint must never send a workspace's data (and its key) to the default US endpoint.
   */
  private static final Set<Setting> FAIL_CLOSED = EnumSet.of(Setting.REGION, Setting.ENDPOINT);

  private SettingSources() {}

  /**
   * What the sources set.
   *
   * @param values each setting a source set, parsed and checked; settings left unset are absent
   * @param kafkaProperties every other {@code kafka.*} client property, prefix removed
   * @param problems values ignored, with why and what is used instead
   * @param failedClosed the settings whose value did not parse and which fail closed, with why
   */
  public record Loaded(
      Map<Setting, Object> values, Map<String, String> kafkaProperties, List<String> problems,
      Map<Setting, String> failedClosed) {}

  /** The {@code trackweave.*} system properties, now. */
  public static Map<String, String> systemProperties() {
    Map<String, String> props = new HashMap<>();
    Properties system = System.getProperties();
    for (String key : system.stringPropertyNames()) {
      if (key.startsWith("trackweave.")) {
        props.put(key, system.getProperty(key));
      }
    }
    return props;
  }

  /** Reads these sources (passed in, so tests never touch the real environment). */
  public static Loaded load(Map<String, String> env, Map<String, String> props, Map<String, String> overrides) {
    Map<Setting, List<Candidate>> candidates = new EnumMap<>(Setting.class);
    List<String> problems = new ArrayList<>();
    for (Setting s : Setting.values()) {
      add(candidates, s, env.get(s.envName()), "environment variable " + s.envName());
    }
    for (Setting s : Setting.values()) {
      add(candidates, s, props.get(s.propertyName()), "system property " + s.propertyName());
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      Setting s = Setting.byAnyName(e.getKey());
      if (s != null) {
        add(candidates, s, e.getValue(), "setting " + s.key());
      } else if (TransportSettings.kafkaProperty(e.getKey()) == null) {
        problems.add("unknown setting '" + e.getKey() + "' ignored");
      } // else a Kafka client property: collected below
    }
    Map<Setting, Object> values = new EnumMap<>(Setting.class);
    Map<Setting, String> failedClosed = new EnumMap<>(Setting.class);
    for (Map.Entry<Setting, List<Candidate>> e : candidates.entrySet()) {
      choose(e.getKey(), e.getValue(), values, failedClosed, problems);
    }
    if (values.get(Setting.SPOOL_DIR) != null && Boolean.FALSE.equals(values.get(Setting.SPOOL_ENABLED))) {
      problems.add("spool.dir is set but spool.enabled=false: the spool is off, calls that cannot be queued"
          + " or delivered are dropped and counted");
    }
    return new Loaded(Collections.unmodifiableMap(values), kafkaProperties(env, props, overrides),
        List.copyOf(problems), Collections.unmodifiableMap(failedClosed));
  }

  /** One source's text for a setting, and that source in words for a message. */
  private record Candidate(String text, String source) {}

  private static void add(Map<Setting, List<Candidate>> candidates, Setting s, String text, String source) {
    if (text != null && !text.isBlank()) {
      List<Candidate> list = candidates.get(s); // no computeIfAbsent lambda: settings are read at start-up
      if (list == null) {
        list = new ArrayList<>();
        candidates.put(s, list);
      }
      list.add(new Candidate(text, source));
    }
  }

  /**
   * The strongest source whose value parses wins; one that does not parse falls back to the next, except
   * where falling back would send data somewhere the user did not ask for (fails closed).
   */
  private static void choose(Setting setting, List<Candidate> sources, Map<Setting, Object> values,
      Map<Setting, String> failedClosed, List<String> problems) {
    for (int i = sources.size() - 1; i >= 0; i--) {
      Candidate c = sources.get(i);
      try {
        values.put(setting, setting.parse(c.text()));
        return;
      } catch (IllegalArgumentException ex) {
        if (FAIL_CLOSED.contains(setting)) {
          failedClosed.put(setting, c.source() + ": " + ex.getMessage()
              + " (nothing is sent rather than to the default US endpoint)");
          return;
        }
        String shown = setting.isSecret() ? "" : ": " + ex.getMessage(); // the secret's value never goes into a message
        String instead = i > 0 ? "using " + sources.get(i - 1).source() + " instead" : "using " + setting.defaultText();
        problems.add(c.source() + " ignored" + shown + "; " + instead);
      }
    }
  }

  /**
   * Every {@code kafka.*} client property other than the named settings ({@code kafka.security.protocol}
   * and the like), from the same three sources, later winning.
   */
  private static Map<String, String> kafkaProperties(Map<String, String> env, Map<String, String> props,
      Map<String, String> overrides) {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, String> source : List.of(env, props, overrides)) {
      for (Map.Entry<String, String> e : source.entrySet()) {
        String name = TransportSettings.kafkaProperty(e.getKey());
        if (name != null && !name.equals("bootstrap.servers") && e.getValue() != null && !e.getValue().isBlank()
            && (source != props || e.getKey().startsWith("trackweave."))) {
          out.put(name, e.getValue().trim());
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
