package io.trackweave.agent.internal.bootstrap;

import io.trackweave.agent.internal.matching.Exclusions;
import io.trackweave.runtime.internal.config.Setting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's arguments, {@code key=value,key=value}, as given after {@code -javaagent:...=}.
 *
 * <p>Setting names are those of every other form (the argument {@code spool.dir} is the system property
 * {@code trackweave.spool.dir} and the variable {@code TRACKWEAVE_SPOOL_DIR}). The agent's own settings
 * ({@code enabled}, {@code exclude}, {@code fallback}, {@code buffer.size}, {@code agent.extensions}) are read here, from the same
 * three places; everything else is handed to the runtime's configuration unchanged. Secrets belong in the
 * environment: a key on the command line is visible in {@code ps} output, so it draws a warning.
 *
 * <p>Nothing given is ignored without a word: a pair without {@code =}, a key without a value, a key given
 * twice and a name that is no setting are each named in one warning (values are never echoed: a
 * misplaced one may be a secret). The reflective fallback is off unless {@code fallback=true}.
 */
public final class AgentArguments {
  static final String ENABLED = "enabled";
  static final String EXCLUDE = "exclude";
  static final String FALLBACK = "fallback";
  static final String BUFFER_SIZE = "buffer.size";
  static final String EXTENSIONS = AgentExtensions.SETTING;
  private static final List<String> AGENT_SETTINGS = List.of(ENABLED, EXCLUDE, FALLBACK, BUFFER_SIZE, EXTENSIONS);
  // as many calls as the runtime's queue holds by default: the start-up window is no smaller a room
  private static final int DEFAULT_BUFFER = 100_000;

  private final Map<String, String> settings;
  private final boolean enabled;
  private final Exclusions exclusions;
  private final boolean fallback;
  private final int bufferCapacity;
  private final String extensions;
  private final List<String> problems;

  private AgentArguments(
      Map<String, String> settings,
      boolean enabled,
      Exclusions exclusions,
      boolean fallback,
      int bufferCapacity,
      String extensions,
      List<String> problems) {
    this.settings = settings;
    this.enabled = enabled;
    this.exclusions = exclusions;
    this.fallback = fallback;
    this.bufferCapacity = bufferCapacity;
    this.extensions = extensions;
    this.problems = problems;
  }

  public static AgentArguments parse(String agentArgs) {
    return parse(agentArgs, System.getenv(), System.getProperties());
  }

  static AgentArguments parse(String agentArgs, Map<String, String> env, Map<Object, Object> systemProperties) {
    List<String> problems = new ArrayList<>();
    Map<String, String> given = new LinkedHashMap<>();
    List<String> duplicated = new ArrayList<>();
    if (agentArgs != null && !agentArgs.isBlank()) {
      String[] pairs = agentArgs.split(",");
      for (int i = 0; i < pairs.length; i++) {
        String pair = pairs[i];
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          // never echo it: a malformed pair may be a pasted secret
          problems.add(
              "Trackweave agent argument #"
                  + (i + 1)
                  + " ("
                  + pair.strip().length()
                  + " characters) ignored: expected key=value");
          continue;
        }
        String key = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty()) {
          problems.add("Trackweave agent argument '" + shown(key) + "' has no value; ignored");
          continue;
        }
        if (given.put(key, value) != null) {
          duplicated.add(shown(key));
        }
      }
    }
    if (!duplicated.isEmpty()) {
      problems.add("Trackweave agent argument(s) given more than once, the last one is used: "
          + String.join(", ", duplicated));
    }
    for (String key : given.keySet()) {
      if (looksSecret(key)) {
        // never echo the value
        problems.add(
            "Trackweave agent argument '"
                + key
                + "' carries a secret on the command line, where process listings show it; "
                + "set CUSTOMERIO_API_KEY in the environment instead");
      }
    }
    Map<String, String> agentOwn = new LinkedHashMap<>();
    for (String name : AGENT_SETTINGS) {
      String value = given.remove(name);
      if (value == null) {
        value = (String) systemProperties.get("trackweave." + name);
      }
      if (value == null) {
        value = env.get("TRACKWEAVE_" + name.toUpperCase(Locale.ROOT).replace('.', '_'));
      }
      if (value != null) {
        agentOwn.put(name, value);
      }
    }
    boolean enabled = bool(agentOwn.get(ENABLED), true, ENABLED, problems);
    // off by default: a class compiled without the processor is unchecked against the plan, and
    // sending it reflectively would put guessed data on real profiles
    boolean fallback = bool(agentOwn.get(FALLBACK), false, FALLBACK, problems);
    Exclusions exclusions = Exclusions.parse(agentOwn.getOrDefault(EXCLUDE, ""));
    int buffer = DEFAULT_BUFFER;
    String bufferText = agentOwn.get(BUFFER_SIZE);
    if (bufferText != null) {
      try {
        int parsed = Integer.parseInt(bufferText.strip());
        if (parsed < 0) {
          problems.add("Trackweave setting buffer.size='" + bufferText + "' is negative; using 0 (no calls are held"
              + " while the runtime starts)");
        }
        buffer = Math.max(0, parsed);
      } catch (NumberFormatException e) {
        problems.add("Trackweave setting buffer.size='" + bufferText + "' is not a number; using " + DEFAULT_BUFFER);
      }
    }
    List<String> unknown = new ArrayList<>();
    for (java.util.Iterator<String> it = given.keySet().iterator(); it.hasNext(); ) {
      String key = it.next();
      if (Setting.byAnyName(key) == null) {
        unknown.add(shown(key));
        it.remove(); // named here once; the runtime need not warn about it again
      }
    }
    if (!unknown.isEmpty()) {
      problems.add("Trackweave agent argument(s) ignored, no such setting: " + String.join(", ", unknown)
          + " (the agent's own are " + String.join(", ", AGENT_SETTINGS)
          + "; the runtime's are listed in docs/configuration.md)");
    }
    return new AgentArguments(
        Collections.unmodifiableMap(given), enabled, exclusions, fallback, buffer, agentOwn.get(EXTENSIONS),
        List.copyOf(problems));
  }

  /** Longest name echoed in a warning; a longer one is cut (it may be pasted text, not a name). */
  private static final int MAX_NAME_SHOWN = 60;

  private static String shown(String key) {
    return key.length() <= MAX_NAME_SHOWN ? key : key.substring(0, MAX_NAME_SHOWN) + "...";
  }

  private static boolean looksSecret(String key) {
    String k = key.replace("_", ".").replace("-", ".");
    return k.contains("api.key")
        || k.contains("apikey")
        || k.contains("secret")
        || k.contains("password")
        || k.contains("token");
  }

  private static boolean bool(String value, boolean absent, String name, List<String> problems) {
    if (value == null) {
      return absent;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("on") || v.equals("yes")) {
      return true;
    }
    if (v.equals("false") || v.equals("off") || v.equals("no")) {
      return false;
    }
    problems.add("Trackweave setting " + name + "='" + value + "' is not true or false; using " + absent);
    return absent;
  }

  /** The settings handed to the runtime's configuration (agent-argument names, e.g. {@code spool.dir}). */
  public Map<String, String> settings() {
    return settings;
  }

  /** False when the off switch ({@code enabled=false}) is set: the agent then does nothing at all. */
  public boolean enabled() {
    return enabled;
  }

  public Exclusions exclusions() {
    return exclusions;
  }

  /** Whether annotated methods without an index entry are woven through the reflective fallback. */
  public boolean fallback() {
    return fallback;
  }

  /** How many calls are held while the runtime starts. */
  public int bufferCapacity() {
    return bufferCapacity;
  }

  /**
   * {@code agent.extensions}: jars for the system class path, separated by the platform's path separator
   * ({@link AgentExtensions}); null when not set.
   */
  public String extensions() {
    return extensions;
  }

  /** Warnings about the arguments themselves, logged by the caller. */
  public List<String> problems() {
    return problems;
  }
}
