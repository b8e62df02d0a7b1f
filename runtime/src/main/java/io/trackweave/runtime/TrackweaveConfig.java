package io.trackweave.runtime;

import io.trackweave.runtime.internal.config.Setting;
import io.trackweave.runtime.internal.config.SettingValues;
import io.trackweave.runtime.internal.config.TransportSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The runtime's settings, immutable. Sources, later winning: the environment ({@code
 * CUSTOMERIO_SITE_ID}, {@code CUSTOMERIO_API_KEY}, {@code TRACKWEAVE_<SETTING>}), system properties
 * ({@code trackweave.<setting>}), the overrides map (agent arguments, {@code <setting>}), then the
 * {@link Builder}. A value that does not parse is reported in {@link #problems()} and the next weaker
 * source's value is used instead (the default when none parses): loading never throws. Except where the
 * data goes: a {@code region} or {@code endpoint} that does not parse never falls back (not to a weaker
 * source, not to the US default); it becomes the {@link #endpointProblem()} that disables the runtime.
 */
public final class TrackweaveConfig {
  /** Customer.io's limit for one v2 batch body. */
  public static final int MAX_BATCH_BYTES = 500_000;
  /** Customer.io's limit for one operation (v2) or request body (v1). */
  public static final int MAX_OPERATION_BYTES = 32 * 1024;
  /**
   * Settings whose bad value disables the runtime instead of falling back: a mistyped region or
   * endpoint must never send a workspace's data (and its key) to the default US endpoint.
   */
  private static final Set<Setting> FAIL_CLOSED = EnumSet.of(Setting.REGION, Setting.ENDPOINT);

  private final String siteId;
  private final String apiKey;
  private final String pipelinesApiKey;
  private final boolean pipelinesRejectUpdateOnly;
  private final Region region;
  private final String endpoint;
  private final ApiVersion apiVersion;
  private final long queueMaxBytes;
  private final int queueMaxOperations;
  private final int batchMaxBytes;
  private final int batchMaxOperations;
  private final Duration flushInterval;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final int retryMaxAttempts;
  private final Duration retryMaxTime;
  private final Duration retryInitialBackoff;
  private final Duration retryMaxBackoff;
  private final double rateLimit;
  private final int senders;
  private final int dedupeCapacity;
  private final Duration shutdownTimeout;
  private final boolean gzip;
  private final boolean backfill;
  private final Set<String> backfillTriggerEvents;
  private final boolean jmx;
  private final String name;
  private final boolean spoolEnabled;
  private final Path spoolDir;
  private final long spoolMaxBytes;
  private final FsyncPolicy spoolFsync;
  private final Duration spoolFsyncInterval;
  private final DeliveryListener listener;
  private final List<String> problems;
  private final String fatalProblem;
  private final Map<Setting, String> fatalSettings;
  private final TransportSettings transportSettings;

  private TrackweaveConfig(Builder b) {
    this.siteId = b.siteId;
    this.apiKey = b.apiKey;
    this.pipelinesApiKey = b.pipelinesApiKey;
    this.pipelinesRejectUpdateOnly = b.pipelinesRejectUpdateOnly;
    this.region = b.region;
    this.endpoint = b.endpoint;
    this.apiVersion = b.apiVersion;
    this.queueMaxBytes = b.queueMaxBytes;
    this.queueMaxOperations = b.queueMaxOperations;
    this.batchMaxBytes = b.batchMaxBytes;
    this.batchMaxOperations = b.batchMaxOperations;
    this.flushInterval = b.flushInterval;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.callTimeout = b.callTimeout;
    this.retryMaxAttempts = b.retryMaxAttempts;
    this.retryMaxTime = b.retryMaxTime;
    this.retryInitialBackoff = b.retryInitialBackoff;
    this.retryMaxBackoff = b.retryMaxBackoff;
    this.rateLimit = b.rateLimit;
    this.senders = b.senders;
    this.dedupeCapacity = b.dedupeCapacity;
    this.shutdownTimeout = b.shutdownTimeout;
    this.gzip = b.gzip;
    this.backfill = b.backfill;
    this.backfillTriggerEvents = Set.copyOf(b.backfillTriggerEvents);
    this.jmx = b.jmx;
    this.name = b.name;
    this.spoolEnabled = b.spoolEnabled;
    this.spoolDir = b.spoolDir;
    this.spoolMaxBytes = b.spoolMaxBytes;
    this.spoolFsync = b.spoolFsync;
    this.spoolFsyncInterval = b.spoolFsyncInterval;
    this.listener = b.listener;
    this.problems = List.copyOf(b.problems);
    this.fatalSettings = Collections.unmodifiableMap(new EnumMap<>(b.fatal));
    this.fatalProblem = b.fatal.isEmpty() ? null : String.join("; ", b.fatal.values());
    this.transportSettings = b.transportSettings;
  }

  /** Loads from the environment, then system properties, then {@code overrides} (keys like {@code spool.dir}). */
  public static TrackweaveConfig load(Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    Properties system = System.getProperties();
    for (String key : system.stringPropertyNames()) {
      if (key.startsWith("trackweave.")) {
        props.put(key, system.getProperty(key));
      }
    }
    return load(System.getenv(), props, overrides == null ? Map.of() : overrides);
  }

  /** The loader itself, with its sources passed in so tests never touch the real environment. */
  static TrackweaveConfig load(Map<String, String> env, Map<String, String> props, Map<String, String> overrides) {
    return loadBuilder(env, props, overrides).build();
  }

  static Builder loadBuilder(Map<String, String> env, Map<String, String> props, Map<String, String> overrides) {
    // each setting's candidates, strongest source last: environment < system property < overrides
    Map<Setting, List<String[]>> candidates = new EnumMap<>(Setting.class);
    List<String> problems = new ArrayList<>();
    for (Setting s : Setting.values()) {
      String v = env.get(s.envName());
      if (v != null && !v.isBlank()) {
        candidates.computeIfAbsent(s, k -> new ArrayList<>()).add(new String[] {v, "environment variable " + s.envName()});
      }
    }
    for (Setting s : Setting.values()) {
      String v = props.get(s.propertyName());
      if (v != null && !v.isBlank()) {
        candidates.computeIfAbsent(s, k -> new ArrayList<>()).add(new String[] {v, "system property " + s.propertyName()});
      }
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      Setting s = Setting.byAnyName(e.getKey());
      if (s == null && TransportSettings.kafkaProperty(e.getKey()) != null) {
        continue; // a Kafka client property: collected below
      } else if (s == null) {
        problems.add("unknown setting '" + e.getKey() + "' ignored");
      } else if (e.getValue() != null && !e.getValue().isBlank()) {
        candidates.computeIfAbsent(s, k -> new ArrayList<>()).add(new String[] {e.getValue(), "setting " + s.key()});
      }
    }
    Builder b = new Builder();
    for (Map.Entry<Setting, List<String[]>> e : candidates.entrySet()) {
      Setting setting = e.getKey();
      List<String[]> sources = e.getValue();
      // the strongest source whose value parses wins; one that does not parse falls back to the next,
      // except where falling back would send data somewhere the user did not ask for (fails closed)
      for (int i = sources.size() - 1; i >= 0; i--) {
        try {
          b.apply(setting, sources.get(i)[0]);
          break;
        } catch (IllegalArgumentException ex) {
          if (FAIL_CLOSED.contains(setting)) {
            b.fatal.put(setting, sources.get(i)[1] + ": " + ex.getMessage()
                + " (nothing is sent rather than to the default US endpoint)");
            break;
          }
          // the secret's value never goes into a message
          String shown = setting == Setting.API_KEY || setting == Setting.PIPELINES_API_KEY ? "" : ": " + ex.getMessage();
          String instead = i > 0 ? "using " + sources.get(i - 1)[1] + " instead" : "using " + setting.defaultText();
          problems.add(sources.get(i)[1] + " ignored" + shown + "; " + instead);
        }
      }
    }
    if (b.spoolDir != null && !b.spoolEnabled) {
      problems.add("spool.dir is set but spool.enabled=false: the spool is off, calls that cannot be queued"
          + " or delivered are dropped and counted");
    }
    b.problems.addAll(problems);
    kafkaProperties(b, env, props, overrides);
    return b;
  }

  /** A builder that starts from {@link #load(Map) load(Map.of())}. */
  public static Builder builder() {
    Map<String, String> props = new HashMap<>();
    Properties system = System.getProperties();
    for (String key : system.stringPropertyNames()) {
      if (key.startsWith("trackweave.")) {
        props.put(key, system.getProperty(key));
      }
    }
    return loadBuilder(System.getenv(), props, Map.of());
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.siteId = siteId;
    b.apiKey = apiKey;
    b.pipelinesApiKey = pipelinesApiKey;
    b.pipelinesRejectUpdateOnly = pipelinesRejectUpdateOnly;
    b.region = region;
    b.endpoint = endpoint;
    b.apiVersion = apiVersion;
    b.queueMaxBytes = queueMaxBytes;
    b.queueMaxOperations = queueMaxOperations;
    b.batchMaxBytes = batchMaxBytes;
    b.batchMaxOperations = batchMaxOperations;
    b.flushInterval = flushInterval;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.callTimeout = callTimeout;
    b.retryMaxAttempts = retryMaxAttempts;
    b.retryMaxTime = retryMaxTime;
    b.retryInitialBackoff = retryInitialBackoff;
    b.retryMaxBackoff = retryMaxBackoff;
    b.rateLimit = rateLimit;
    b.senders = senders;
    b.dedupeCapacity = dedupeCapacity;
    b.shutdownTimeout = shutdownTimeout;
    b.gzip = gzip;
    b.backfill = backfill;
    b.backfillTriggerEvents = new java.util.LinkedHashSet<>(backfillTriggerEvents);
    b.jmx = jmx;
    b.name = name;
    b.spoolEnabled = spoolEnabled;
    b.spoolDir = spoolDir;
    b.spoolMaxBytes = spoolMaxBytes;
    b.spoolFsync = spoolFsync;
    b.spoolFsyncInterval = spoolFsyncInterval;
    b.listener = listener;
    b.problems.addAll(problems);
    b.fatal.putAll(fatalSettings);
    b.transportSettings = transportSettings;
    return b;
  }

  public String siteId() {
    return siteId;
  }

  public String apiKey() {
    return apiKey;
  }

  /** The Data Pipelines API key ({@code pipelines.api.key}), or null. */
  public String pipelinesApiKey() {
    return pipelinesApiKey;
  }

  /**
   * True with {@code pipelines.update.only=reject}: on the Pipelines API, an update-only identify is
   * refused instead of being sent as a plain identify (which may create the person).
   */
  public boolean pipelinesRejectUpdateOnly() {
    return pipelinesRejectUpdateOnly;
  }

  /**
   * True when the chosen API's credentials are set: the site id and the Track API key, or for {@link
   * ApiVersion#PIPELINES} the Pipelines API key.
   */
  public boolean hasCredentials() {
    return missingCredentials() == null;
  }

  /** Which credentials the chosen API still needs, in words for a warning; null when they are set. */
  public String missingCredentials() {
    if (apiVersion == ApiVersion.PIPELINES) {
      return pipelinesApiKey == null
          ? "CUSTOMERIO_PIPELINES_API_KEY is not set (nor trackweave.pipelines.api.key), and api.version=pipelines"
              + " needs it (the Track API's site id and key do not authenticate there)"
          : null;
    }
    if (siteId != null && apiKey != null) {
      return null;
    }
    String missing = siteId == null
        ? (apiKey == null ? "CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY are" : "CUSTOMERIO_SITE_ID is")
        : "CUSTOMERIO_API_KEY is";
    return missing + " not set (nor trackweave.site.id / trackweave.api.key)";
  }

  /**
   * Who the calls are sent as, for keying what is per workspace (the shared rate limit, the default
   * spool directory): the site id, or for the Pipelines API a digest of its key (never the key itself).
   */
  public String account() {
    if (apiVersion != ApiVersion.PIPELINES) {
      return siteId;
    }
    if (pipelinesApiKey == null) {
      return null;
    }
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(pipelinesApiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "pipelines-" + java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  public Region region() {
    return region;
  }

  /** The explicit endpoint, or null when the region decides. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Where requests go: the endpoint when set, else the region's base URL for the chosen API (Track or
   * Pipelines); no trailing slash.
   */
  public String baseUrl() {
    String base = endpoint != null ? endpoint
        : apiVersion == ApiVersion.PIPELINES ? region.pipelinesBaseUrl() : region.baseUrl();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  public ApiVersion apiVersion() {
    return apiVersion;
  }

  public long queueMaxBytes() {
    return queueMaxBytes;
  }

  public int queueMaxOperations() {
    return queueMaxOperations;
  }

  public int batchMaxBytes() {
    return batchMaxBytes;
  }

  public int batchMaxOperations() {
    return batchMaxOperations;
  }

  public Duration flushInterval() {
    return flushInterval;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * The most attempts per request, first try included; {@link Integer#MAX_VALUE} when no count is set
   * ({@code retry.max.attempts=0}, the default), so only {@link #retryMaxTime()} bounds the retries.
   */
  public int retryMaxAttempts() {
    return retryMaxAttempts == 0 ? Integer.MAX_VALUE : retryMaxAttempts;
  }

  public Duration retryMaxTime() {
    return retryMaxTime;
  }

  public Duration retryInitialBackoff() {
    return retryInitialBackoff;
  }

  public Duration retryMaxBackoff() {
    return retryMaxBackoff;
  }

  public double rateLimit() {
    return rateLimit;
  }

  public int senders() {
    return senders;
  }

  public int dedupeCapacity() {
    return dedupeCapacity;
  }

  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  public boolean gzip() {
    return gzip;
  }

  /** Backfill mode: recent events (which would trigger live campaigns) are refused at capture. */
  public boolean backfill() {
    return backfill;
  }

  /** Events backfill mode sends even when recent: triggering campaigns from them is intended. */
  public Set<String> backfillTriggerEvents() {
    return backfillTriggerEvents;
  }

  public boolean jmx() {
    return jmx;
  }

  public String name() {
    return name;
  }

  /**
   * True when an enabled runtime spills to the disk spool (see {@link
   * io.trackweave.runtime.internal.spool.DiskSpool}): the default; only {@code spool.enabled=false} turns it off.
   */
  public boolean spoolEnabled() {
    return spoolEnabled;
  }

  /** The spool directory set explicitly, or null for the per-site default. */
  public Path spoolDir() {
    return spoolDir;
  }

  /** The cap of the spool's files on disk, in bytes. */
  public long spoolMaxBytes() {
    return spoolMaxBytes;
  }

  public FsyncPolicy spoolFsync() {
    return spoolFsync;
  }

  public Duration spoolFsyncInterval() {
    return spoolFsyncInterval;
  }

  /** The listener, or null. */
  public DeliveryListener listener() {
    return listener;
  }

  /** Settings that were ignored while loading, with why; the runtime logs them once. */
  public List<String> problems() {
    return problems;
  }

  /**
   * Why the runtime must not send at all, or null. The region or endpoint setting did not parse (the
   * runtime fails closed rather than fall back to the US endpoint), the endpoint is not an http(s) URL
   * with a host, or it would carry the credentials over plain HTTP to a host that is not loopback (an
   * emulator on this machine). {@link TrackweaveRuntime#create} disables the runtime with this reason.
   */
  public String endpointProblem() {
    if (fatalProblem != null) {
      return fatalProblem;
    }
    String base = baseUrl();
    String problem = endpointSyntaxProblem(base);
    if (problem != null) {
      return problem;
    }
    HttpUrl url = HttpUrl.get(base + "/");
    if (!url.isHttps() && !isLoopback(url.host())) {
      return "endpoint '" + base + "' uses plain http to a host that is not loopback (" + url.host()
          + "); credentials are only sent over https, or over http to localhost, 127.0.0.0/8 or ::1";
    }
    return null;
  }

  /**
   * Why {@code endpoint} is not a base URL requests can go to, or null. Parsed as OkHttp will parse it
   * to connect, so the host judged here is the host reached.
   */
  static String endpointSyntaxProblem(String endpoint) {
    String e = endpoint.trim();
    HttpUrl url = HttpUrl.parse(e.endsWith("/") ? e : e + "/");
    URI uri;
    try {
      uri = new URI(e);
    } catch (java.net.URISyntaxException ex) {
      uri = null;
    }
    if (url == null || uri == null || uri.getScheme() == null) {
      return "endpoint '" + endpoint + "' is not a URL: use an http(s) URL with a host, e.g."
          + " https://track.customer.io or http://localhost:8080";
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      return "endpoint must not carry user info; the credentials come from the site id and API key";
    }
    if (url.query() != null || url.fragment() != null) {
      return "endpoint '" + endpoint + "' must not have a query or fragment: it is a base URL";
    }
    return null;
  }

  /**
   * Loopback, judged on the parsed host alone and by its literal spelling (deciding must not resolve
   * names: no I/O, and a name's answer can change): exactly {@code localhost}, an IPv4 literal in
   * 127.0.0.0/8 or the IPv6 literal {@code ::1}. Never by prefix: {@code 127.0.0.1.example.com} and
   * {@code localhost.example.com} are foreign hosts.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (h.indexOf(':') >= 0) {
      return isIpv6Loopback(h);
    }
    return isIpv4Loopback(h);
  }

  /** A dotted-quad literal (four decimal octets, no shorthand) whose first octet is 127. */
  private static boolean isIpv4Loopback(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return Integer.parseInt(parts[0]) == 127;
  }

  /** An IPv6 literal equal to ::1, in any of its spellings (0:0:0:0:0:0:0:1, 0000::0001, ...). */
  private static boolean isIpv6Loopback(String h) {
    if (!h.chars().allMatch(c -> c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
    String[] halves = h.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    List<String> head = groups(halves[0]);
    List<String> tail = halves.length == 2 ? groups(halves[1]) : List.of();
    if (head == null || tail == null) {
      return false;
    }
    int missing = 8 - head.size() - tail.size();
    if (halves.length == 1 ? missing != 0 : missing < 1) {
      return false;
    }
    List<String> all = new ArrayList<>(head);
    all.addAll(Collections.nCopies(missing, "0"));
    all.addAll(tail);
    for (int i = 0; i < 8; i++) {
      if (Integer.parseInt(all.get(i), 16) != (i == 7 ? 1 : 0)) {
        return false;
      }
    }
    return true;
  }

  /** The colon-separated groups of one side of "::", or null when one is empty or over 4 digits. */
  private static List<String> groups(String side) {
    if (side.isEmpty()) {
      return List.of();
    }
    String[] groups = side.split(":", -1);
    for (String g : groups) {
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
    }
    return List.of(groups);
  }

  @Override
  public String toString() {
    return "TrackweaveConfig{siteId=" + (siteId == null ? "unset" : "set")
        + ", apiKey=" + (apiKey == null ? "unset" : "set")
        + (pipelinesApiKey == null ? "" : ", pipelinesApiKey=set")
        + ", baseUrl=" + baseUrl()
        + ", apiVersion=" + apiVersion
        + ", name=" + name
        + "}";
  }

  /** {@code transport}: where captured calls go. */
  public Transport transport() {
    return transportSettings.transport();
  }

  /** {@code transport}, the Kafka client properties, the topic, and the relay's group and dead-letter topic. */
  public TransportSettings transportSettings() {
    return transportSettings;
  }

  /**
   * Every {@code kafka.*} client property other than the named settings ({@code kafka.security.protocol}
   * and the like), from the same three sources, later winning.
   */
  private static void kafkaProperties(Builder b, Map<String, String> env, Map<String, String> props,
      Map<String, String> overrides) {
    for (Map<String, String> source : List.of(env, props, overrides)) {
      for (Map.Entry<String, String> e : source.entrySet()) {
        String name = TransportSettings.kafkaProperty(e.getKey());
        if (name != null && !name.equals("bootstrap.servers") && e.getValue() != null && !e.getValue().isBlank()
            && (source != props || e.getKey().startsWith("trackweave."))) {
          b.kafkaProperty(name, e.getValue());
        }
      }
    }
  }

  /** Fills a {@link TrackweaveConfig}. Setters throw {@link IllegalArgumentException} for impossible values. */
  public static final class Builder {
    private String siteId;
    private String apiKey;
    private String pipelinesApiKey;
    private boolean pipelinesRejectUpdateOnly;
    private Region region = Region.US;
    private String endpoint;
    private ApiVersion apiVersion = ApiVersion.V2;
    private long queueMaxBytes = 32L * 1024 * 1024;
    private int queueMaxOperations = 100_000;
    private int batchMaxBytes = MAX_BATCH_BYTES;
    private int batchMaxOperations = 2000;
    private Duration flushInterval = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int retryMaxAttempts; // 0: no count limit, retry.max.time alone bounds retries
    private Duration retryMaxTime = Duration.ofMinutes(2);
    private Duration retryInitialBackoff = Duration.ofMillis(250);
    private Duration retryMaxBackoff = Duration.ofSeconds(30);
    private double rateLimit = 100;
    private int senders = 2;
    private int dedupeCapacity = 65536;
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private boolean gzip; // the Track API documents no compressed request bodies
    private boolean backfill;
    private Set<String> backfillTriggerEvents = new java.util.LinkedHashSet<>();
    private boolean jmx = true;
    private String name = "default";
    private boolean spoolEnabled = true;
    private Path spoolDir;
    private long spoolMaxBytes = 1024L * 1024 * 1024;
    private FsyncPolicy spoolFsync = FsyncPolicy.INTERVAL;
    private Duration spoolFsyncInterval = Duration.ofSeconds(1);
    private DeliveryListener listener;
    private final List<String> problems = new ArrayList<>();
    /** Settings whose value did not parse and which fail closed: the runtime is disabled. */
    private final Map<Setting, String> fatal = new EnumMap<>(Setting.class);
    private TransportSettings transportSettings = TransportSettings.DEFAULT;

    Builder() {}

    /** Sets one setting from its text form, as the loader does; {@code name} in any of its forms. */
    public Builder set(String name, String value) {
      Setting s = Setting.byAnyName(name);
      if (s == null) {
        throw new IllegalArgumentException("unknown setting '" + name + "'");
      }
      return apply(s, value);
    }

    Builder apply(Setting s, String v) {
      switch (s) {
        case SITE_ID:
          return siteId(v);
        case API_KEY:
          return apiKey(v);
        case PIPELINES_API_KEY:
          return pipelinesApiKey(v);
        case PIPELINES_UPDATE_ONLY:
          switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "identify":
              return pipelinesRejectUpdateOnly(false);
            case "reject":
              return pipelinesRejectUpdateOnly(true);
            default:
              throw new IllegalArgumentException("unknown value '" + v.trim() + "': use identify or reject");
          }
        case REGION:
          return region(Region.parse(v));
        case ENDPOINT:
          return endpoint(v);
        case API_VERSION:
          return apiVersion(ApiVersion.parse(v));
        case QUEUE_MAX_BYTES:
          return queueMaxBytes(SettingValues.size(v));
        case QUEUE_MAX_OPERATIONS:
          return queueMaxOperations(SettingValues.positiveInt(v));
        case BATCH_MAX_BYTES:
          return batchMaxBytes((int) Math.min(Integer.MAX_VALUE, SettingValues.size(v)));
        case BATCH_MAX_OPERATIONS:
          return batchMaxOperations(SettingValues.positiveInt(v));
        case FLUSH_INTERVAL:
          return flushInterval(SettingValues.duration(v));
        case CONNECT_TIMEOUT:
          return connectTimeout(SettingValues.duration(v));
        case READ_TIMEOUT:
          return readTimeout(SettingValues.duration(v));
        case CALL_TIMEOUT:
          return callTimeout(SettingValues.duration(v));
        case RETRY_MAX_ATTEMPTS:
          return retryMaxAttempts(SettingValues.nonNegativeInt(v));
        case RETRY_MAX_TIME:
          return retryMaxTime(SettingValues.duration(v));
        case RETRY_INITIAL_BACKOFF:
          return retryInitialBackoff(SettingValues.duration(v));
        case RETRY_MAX_BACKOFF:
          return retryMaxBackoff(SettingValues.duration(v));
        case RATE_LIMIT:
          return rateLimit(SettingValues.positiveDouble(v));
        case SENDERS:
          return senders(SettingValues.positiveInt(v));
        case DEDUPE_CAPACITY:
          return dedupeCapacity(SettingValues.positiveInt(v));
        case SHUTDOWN_TIMEOUT:
          return shutdownTimeout(SettingValues.duration(v));
        case GZIP:
          return gzip(SettingValues.bool(v));
        case BACKFILL:
          return backfill(SettingValues.bool(v));
        case BACKFILL_TRIGGER_EVENTS:
          return backfillTriggerEvents(SettingValues.names(v));
        case JMX:
          return jmx(SettingValues.bool(v));
        case NAME:
          return name(v);
        case SPOOL_ENABLED:
          return spoolEnabled(SettingValues.bool(v));
        case SPOOL_DIR:
          try {
            return spoolDir(Path.of(v.trim()));
          } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("not a path: '" + v + "'");
          }
        case SPOOL_MAX_BYTES:
          return spoolMaxBytes(SettingValues.size(v));
        case SPOOL_FSYNC:
          return spoolFsync(FsyncPolicy.parse(v));
        case SPOOL_FSYNC_INTERVAL:
          return spoolFsyncInterval(SettingValues.duration(v));
        case TRANSPORT:
          return transport(Transport.parse(v));
        case KAFKA_BOOTSTRAP_SERVERS:
          return kafkaProperty("bootstrap.servers", v);
        case KAFKA_TOPIC:
          return kafkaTopic(v);
        case RELAY_GROUP:
          return relayGroup(v);
        case RELAY_DEAD_LETTER_TOPIC:
          return relayDeadLetterTopic(v);
        default:
          throw new IllegalStateException(s.name());
      }
    }

    public Builder siteId(String siteId) {
      this.siteId = blankToNull(siteId);
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = blankToNull(apiKey);
      return this;
    }

    /** The Data Pipelines API key, used with {@code api.version=pipelines}. */
    public Builder pipelinesApiKey(String pipelinesApiKey) {
      this.pipelinesApiKey = blankToNull(pipelinesApiKey);
      return this;
    }

    /** {@code pipelines.update.only}: true refuses update-only identifies on the Pipelines API. */
    public Builder pipelinesRejectUpdateOnly(boolean reject) {
      this.pipelinesRejectUpdateOnly = reject;
      return this;
    }

    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      fatal.remove(Setting.REGION);
      return this;
    }

    /**
     * A base URL replacing the region's (e.g. {@code http://localhost:8080} for an emulator); null to
     * clear.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    public Builder endpoint(String endpoint) {
      String e = blankToNull(endpoint);
      if (e != null) {
        String problem = endpointSyntaxProblem(e);
        if (problem != null) {
          throw new IllegalArgumentException(problem);
        }
      }
      this.endpoint = e;
      fatal.remove(Setting.ENDPOINT);
      return this;
    }

    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
      return this;
    }

    public Builder queueMaxBytes(long bytes) {
      this.queueMaxBytes = requirePositive(bytes, "queue.max.bytes");
      return this;
    }

    public Builder queueMaxOperations(int operations) {
      this.queueMaxOperations = (int) requirePositive(operations, "queue.max.operations");
      return this;
    }

    /** At most {@value TrackweaveConfig#MAX_BATCH_BYTES}; larger values are capped there. */
    public Builder batchMaxBytes(int bytes) {
      requirePositive(bytes, "batch.max.bytes");
      this.batchMaxBytes = Math.min(bytes, MAX_BATCH_BYTES);
      return this;
    }

    public Builder batchMaxOperations(int operations) {
      this.batchMaxOperations = (int) requirePositive(operations, "batch.max.operations");
      return this;
    }

    public Builder flushInterval(Duration interval) {
      this.flushInterval = requirePositive(interval, "flush.interval");
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requirePositive(timeout, "connect.timeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = requirePositive(timeout, "read.timeout");
      return this;
    }

    public Builder callTimeout(Duration timeout) {
      this.callTimeout = requirePositive(timeout, "call.timeout");
      return this;
    }

    /** The most attempts per request, first try included; 0 (the default) for no count limit. */
    public Builder retryMaxAttempts(int attempts) {
      if (attempts < 0) {
        throw new IllegalArgumentException("retry.max.attempts must be 0 (no limit) or positive");
      }
      this.retryMaxAttempts = attempts;
      return this;
    }

    public Builder retryMaxTime(Duration time) {
      this.retryMaxTime = requirePositive(time, "retry.max.time");
      return this;
    }

    public Builder retryInitialBackoff(Duration backoff) {
      this.retryInitialBackoff = requirePositive(backoff, "retry.initial.backoff");
      return this;
    }

    public Builder retryMaxBackoff(Duration backoff) {
      this.retryMaxBackoff = requirePositive(backoff, "retry.max.backoff");
      return this;
    }

    /** Requests per second across the process for this workspace and endpoint. */
    public Builder rateLimit(double requestsPerSecond) {
      if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
        throw new IllegalArgumentException("rate.limit must be a positive number");
      }
      this.rateLimit = requestsPerSecond;
      return this;
    }

    public Builder senders(int senders) {
      this.senders = (int) requirePositive(senders, "senders");
      return this;
    }

    public Builder dedupeCapacity(int slots) {
      this.dedupeCapacity = (int) requirePositive(slots, "dedupe.capacity");
      return this;
    }

    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = Objects.requireNonNull(timeout, "shutdown.timeout");
      return this;
    }

    /**
     * Backfill mode, for a one-off import of history: every event less than 72 hours old is refused
     * ({@code backfill_would_trigger}), because Customer.io still triggers campaigns from it; older events
     * are sent with their real timestamps. Send roll-ups as identify attributes instead, or name the events
     * that should trigger in {@link #backfillTriggerEvents}.
     */
    public Builder backfill(boolean backfill) {
      this.backfill = backfill;
      return this;
    }

    /** Events that backfill mode sends even when recent. */
    public Builder backfillTriggerEvents(java.util.Collection<String> events) {
      this.backfillTriggerEvents = new java.util.LinkedHashSet<>(events);
      return this;
    }

    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    public Builder jmx(boolean jmx) {
      this.jmx = jmx;
      return this;
    }

    public Builder name(String name) {
      String n = blankToNull(name);
      this.name = n == null ? "default" : n.trim();
      return this;
    }

    /** Turns the disk spool on or off (on by default; {@code false} is the explicit opt-out). */
    public Builder spoolEnabled(boolean enabled) {
      this.spoolEnabled = enabled;
      return this;
    }

    /** The spool directory; null for the per-site default. */
    public Builder spoolDir(Path dir) {
      this.spoolDir = dir;
      return this;
    }

    /** The cap of the spool's files on disk (at least 1 MiB). */
    public Builder spoolMaxBytes(long bytes) {
      if (bytes < 1024 * 1024) {
        throw new IllegalArgumentException("spool.max.bytes must be at least 1m");
      }
      this.spoolMaxBytes = bytes;
      return this;
    }

    public Builder spoolFsync(FsyncPolicy policy) {
      this.spoolFsync = Objects.requireNonNull(policy, "spool.fsync");
      return this;
    }

    public Builder spoolFsyncInterval(Duration interval) {
      this.spoolFsyncInterval = requirePositive(interval, "spool.fsync.interval");
      return this;
    }

    public Builder listener(DeliveryListener listener) {
      this.listener = listener;
      return this;
    }

    public TrackweaveConfig build() {
      return new TrackweaveConfig(this);
    }

    /** Why the built runtime would be disabled by a setting that failed closed, or null (for tests). */
    String fatalProblem() {
      return fatal.isEmpty() ? null : String.join("; ", fatal.values());
    }

    /** {@code http} (default) or {@code kafka}. */
    public Builder transport(Transport transport) {
      transportSettings = transportSettings.withTransport(transport);
      return this;
    }

    /** A Kafka client property, named without the {@code kafka.} prefix ({@code bootstrap.servers}). */
    public Builder kafkaProperty(String name, String value) {
      transportSettings = transportSettings.withKafkaProperty(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    public Builder kafkaTopic(String topic) {
      transportSettings = transportSettings.withKafkaTopic(topic);
      return this;
    }

    public Builder relayGroup(String group) {
      transportSettings = transportSettings.withRelayGroup(group);
      return this;
    }

    public Builder relayDeadLetterTopic(String topic) {
      transportSettings = transportSettings.withRelayDeadLetterTopic(topic);
      return this;
    }

    List<String> problems() {
      return Collections.unmodifiableList(problems);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }

    private static long requirePositive(long v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return v;
    }

    private static Duration requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
