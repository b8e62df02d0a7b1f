package io.trackweave.runtime;

import static io.trackweave.runtime.internal.config.Setting.*;

import io.trackweave.runtime.internal.config.EndpointPolicy;
import io.trackweave.runtime.internal.config.Setting;
import io.trackweave.runtime.internal.config.SettingSources;
import io.trackweave.runtime.internal.config.TransportSettings;
import io.trackweave.runtime.internal.operation.Limits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
  public static final int MAX_BATCH_BYTES = Limits.MAX_BATCH_BYTES;
  /** Customer.io's limit for one operation (v2) or request body (v1). */
  public static final int MAX_OPERATION_BYTES = Limits.MAX_OPERATION_BYTES;

  /** Every setting's value, checked by its {@link Setting} (so typed as its type says). */
  private final Map<Setting, Object> values;
  /** Kafka client properties other than {@code bootstrap.servers}, which is a setting. */
  private final Map<String, String> kafkaProperties;
  private final DeliveryListener listener;
  private final List<String> problems;
  private final Map<Setting, String> failedClosed;
  private final TransportSettings transportSettings;

  private TrackweaveConfig(Builder b) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(b.values));
    this.kafkaProperties = Map.copyOf(b.kafkaProperties);
    this.listener = b.listener;
    this.problems = List.copyOf(b.problems);
    this.failedClosed = Collections.unmodifiableMap(new EnumMap<>(b.failedClosed));
    Map<String, String> clientProperties = new TreeMap<>(kafkaProperties);
    if (get(KAFKA_BOOTSTRAP_SERVERS) != null) {
      clientProperties.put("bootstrap.servers", (String) get(KAFKA_BOOTSTRAP_SERVERS));
    }
    this.transportSettings = new TransportSettings((Transport) get(TRANSPORT), clientProperties,
        (String) get(KAFKA_TOPIC), (String) get(RELAY_GROUP), (String) get(RELAY_DEAD_LETTER_TOPIC));
  }

  /** Loads from the environment, then system properties, then {@code overrides} (keys like {@code spool.dir}). */
  public static TrackweaveConfig load(Map<String, String> overrides) {
    return load(System.getenv(), SettingSources.systemProperties(), overrides == null ? Map.of() : overrides);
  }

  /** The loader itself, with its sources passed in so tests never touch the real environment. */
  static TrackweaveConfig load(Map<String, String> env, Map<String, String> props, Map<String, String> overrides) {
    return loadBuilder(env, props, overrides).build();
  }

  static Builder loadBuilder(Map<String, String> env, Map<String, String> props, Map<String, String> overrides) {
    SettingSources.Loaded loaded = SettingSources.load(env, props, overrides);
    Builder b = new Builder();
    b.values.putAll(loaded.values());
    b.kafkaProperties.putAll(loaded.kafkaProperties());
    b.problems.addAll(loaded.problems());
    b.failedClosed.putAll(loaded.failedClosed());
    return b;
  }

  /** A builder that starts from {@link #load(Map) load(Map.of())}. */
  public static Builder builder() {
    return loadBuilder(System.getenv(), SettingSources.systemProperties(), Map.of());
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(values);
    b.kafkaProperties.putAll(kafkaProperties);
    b.listener = listener;
    b.problems.addAll(problems);
    b.failedClosed.putAll(failedClosed);
    return b;
  }

  private Object get(Setting s) {
    return values.get(s);
  }

  public String siteId() {
    return (String) get(SITE_ID);
  }

  public String apiKey() {
    return (String) get(API_KEY);
  }

  /** The Data Pipelines API key ({@code pipelines.api.key}), or null. */
  public String pipelinesApiKey() {
    return (String) get(PIPELINES_API_KEY);
  }

  /**
   * True with {@code pipelines.update.only=reject}: on the Pipelines API, an update-only identify is
   * refused instead of being sent as a plain identify (which may create the person).
   */
  public boolean pipelinesRejectUpdateOnly() {
    return (Boolean) get(PIPELINES_UPDATE_ONLY);
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
    if (apiVersion() == ApiVersion.PIPELINES) {
      return pipelinesApiKey() == null
          ? "CUSTOMERIO_PIPELINES_API_KEY is not set (nor trackweave.pipelines.api.key), and api.version=pipelines"
              + " needs it (the Track API's site id and key do not authenticate there)"
          : null;
    }
    if (siteId() != null && apiKey() != null) {
      return null;
    }
    String missing = siteId() == null
        ? (apiKey() == null ? "CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY are" : "CUSTOMERIO_SITE_ID is")
        : "CUSTOMERIO_API_KEY is";
    return missing + " not set (nor trackweave.site.id / trackweave.api.key)";
  }

  /**
   * Who the calls are sent as, for keying what is per workspace (the shared rate limit, the default
   * spool directory): the site id, or for the Pipelines API a digest of its key (never the key itself).
   */
  public String account() {
    if (apiVersion() != ApiVersion.PIPELINES) {
      return siteId();
    }
    if (pipelinesApiKey() == null) {
      return null;
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(pipelinesApiKey().getBytes(StandardCharsets.UTF_8));
      return "pipelines-" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  public Region region() {
    return (Region) get(REGION);
  }

  /** The explicit endpoint, or null when the region decides. */
  public String endpoint() {
    return (String) get(ENDPOINT);
  }

  /**
   * Where requests go: the endpoint when set, else the region's base URL for the chosen API (Track or
   * Pipelines); no trailing slash.
   */
  public String baseUrl() {
    return EndpointPolicy.baseUrl(endpoint(), region(), apiVersion());
  }

  public ApiVersion apiVersion() {
    return (ApiVersion) get(API_VERSION);
  }

  public long queueMaxBytes() {
    return (Long) get(QUEUE_MAX_BYTES);
  }

  public int queueMaxOperations() {
    return (Integer) get(QUEUE_MAX_OPERATIONS);
  }

  public int batchMaxBytes() {
    return (Integer) get(BATCH_MAX_BYTES);
  }

  public int batchMaxOperations() {
    return (Integer) get(BATCH_MAX_OPERATIONS);
  }

  public Duration flushInterval() {
    return (Duration) get(FLUSH_INTERVAL);
  }

  public Duration connectTimeout() {
    return (Duration) get(CONNECT_TIMEOUT);
  }

  public Duration readTimeout() {
    return (Duration) get(READ_TIMEOUT);
  }

  public Duration callTimeout() {
    return (Duration) get(CALL_TIMEOUT);
  }

  /**
   * The most attempts per request, first try included; {@link Integer#MAX_VALUE} when no count is set
   * ({@code retry.max.attempts=0}, the default), so only {@link #retryMaxTime()} bounds the retries.
   */
  public int retryMaxAttempts() {
    int attempts = (Integer) get(RETRY_MAX_ATTEMPTS);
    return attempts == 0 ? Integer.MAX_VALUE : attempts;
  }

  public Duration retryMaxTime() {
    return (Duration) get(RETRY_MAX_TIME);
  }

  public Duration retryInitialBackoff() {
    return (Duration) get(RETRY_INITIAL_BACKOFF);
  }

  public Duration retryMaxBackoff() {
    return (Duration) get(RETRY_MAX_BACKOFF);
  }

  public double rateLimit() {
    return (Double) get(RATE_LIMIT);
  }

  public int senders() {
    return (Integer) get(SENDERS);
  }

  public int dedupeCapacity() {
    return (Integer) get(DEDUPE_CAPACITY);
  }

  public Duration shutdownTimeout() {
    return (Duration) get(SHUTDOWN_TIMEOUT);
  }

  public boolean gzip() {
    return (Boolean) get(GZIP);
  }

  /** Backfill mode: recent events (which would trigger live campaigns) are refused at capture. */
  public boolean backfill() {
    return (Boolean) get(BACKFILL);
  }

  /** Events backfill mode sends even when recent: triggering campaigns from them is intended. */
  @SuppressWarnings("unchecked")
  public Set<String> backfillTriggerEvents() {
    return (Set<String>) get(BACKFILL_TRIGGER_EVENTS);
  }

  public boolean jmx() {
    return (Boolean) get(JMX);
  }

  public String name() {
    return (String) get(NAME);
  }

  /**
   * True when an enabled runtime spills to the disk spool (see {@link
   * io.trackweave.runtime.internal.spool.DiskSpool}): the default; only {@code spool.enabled=false} turns it off.
   */
  public boolean spoolEnabled() {
    return (Boolean) get(SPOOL_ENABLED);
  }

  /** The spool directory set explicitly, or null for the per-site default. */
  public Path spoolDir() {
    return (Path) get(SPOOL_DIR);
  }

  /** The cap of the spool's files on disk, in bytes. */
  public long spoolMaxBytes() {
    return (Long) get(SPOOL_MAX_BYTES);
  }

  public FsyncPolicy spoolFsync() {
    return (FsyncPolicy) get(SPOOL_FSYNC);
  }

  public Duration spoolFsyncInterval() {
    return (Duration) get(SPOOL_FSYNC_INTERVAL);
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
    if (!failedClosed.isEmpty()) {
      return String.join("; ", failedClosed.values());
    }
    return EndpointPolicy.problem(baseUrl());
  }

  /** {@code transport}: where captured calls go. */
  public Transport transport() {
    return transportSettings.transport();
  }

  /**
   * The Kafka client's properties: every {@code kafka.*} setting, prefix removed ({@code bootstrap.servers},
   * {@code security.protocol}), sorted; empty unless set.
   */
  public Map<String, String> kafkaProperties() {
    return transportSettings.kafkaProperties();
  }

  /** {@code kafka.topic}: the topic {@code transport=kafka} publishes to and trackweave-relay reads. */
  public String kafkaTopic() {
    return transportSettings.kafkaTopic();
  }

  /** {@code relay.group}: trackweave-relay's consumer group. */
  public String relayGroup() {
    return transportSettings.relayGroup();
  }

  /** {@code relay.dead.letter.topic}: where trackweave-relay puts what Customer.io refuses for good. */
  public String relayDeadLetterTopic() {
    return transportSettings.relayDeadLetterTopic();
  }

  /** {@code transport}, the Kafka client properties, the topic, and the relay's group and dead-letter topic. */
  TransportSettings transportSettings() {
    return transportSettings;
  }

  @Override
  public String toString() {
    return "TrackweaveConfig{siteId=" + (siteId() == null ? "unset" : "set")
        + ", apiKey=" + (apiKey() == null ? "unset" : "set")
        + (pipelinesApiKey() == null ? "" : ", pipelinesApiKey=set")
        + ", baseUrl=" + baseUrl()
        + ", apiVersion=" + apiVersion()
        + ", name=" + name()
        + "}";
  }

  /**
   * Fills a {@link TrackweaveConfig}, starting from every setting's default ({@link Setting#defaultValue()}).
   * Setters throw {@link IllegalArgumentException} for impossible values; each setting's rules are its
   * {@link Setting}'s, the same for a typed setter here and for text from any source.
   */
  public static final class Builder {
    private final Map<Setting, Object> values = new EnumMap<>(Setting.class);
    private final Map<String, String> kafkaProperties = new TreeMap<>();
    private DeliveryListener listener;
    private final List<String> problems = new ArrayList<>();
    /** Settings whose value did not parse and which fail closed: the runtime is disabled. */
    private final Map<Setting, String> failedClosed = new EnumMap<>(Setting.class);

    Builder() {
      for (Setting s : Setting.values()) {
        values.put(s, s.defaultValue());
      }
    }

    /** Sets one setting from its text form, as the loader does; {@code name} in any of its forms. */
    public Builder set(String name, String value) {
      Setting s = Setting.byAnyName(name);
      if (s == null) {
        throw new IllegalArgumentException("unknown setting '" + name + "'");
      }
      return put(s, s.parse(value));
    }

    /** Sets {@code s} to {@code value}, checked by the setting; a value set here no longer fails closed. */
    private Builder put(Setting s, Object value) {
      values.put(s, s.check(value));
      failedClosed.remove(s);
      return this;
    }

    public Builder siteId(String siteId) {
      return put(SITE_ID, siteId);
    }

    public Builder apiKey(String apiKey) {
      return put(API_KEY, apiKey);
    }

    /** The Data Pipelines API key, used with {@code api.version=pipelines}. */
    public Builder pipelinesApiKey(String pipelinesApiKey) {
      return put(PIPELINES_API_KEY, pipelinesApiKey);
    }

    /** {@code pipelines.update.only}: true refuses update-only identifies on the Pipelines API. */
    public Builder pipelinesRejectUpdateOnly(boolean reject) {
      return put(PIPELINES_UPDATE_ONLY, reject);
    }

    public Builder region(Region region) {
      return put(REGION, region);
    }

    /**
     * A base URL replacing the region's (e.g. {@code http://localhost:8080} for an emulator); null to
     * clear.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    public Builder endpoint(String endpoint) {
      return put(ENDPOINT, endpoint);
    }

    public Builder apiVersion(ApiVersion apiVersion) {
      return put(API_VERSION, apiVersion);
    }

    public Builder queueMaxBytes(long bytes) {
      return put(QUEUE_MAX_BYTES, bytes);
    }

    public Builder queueMaxOperations(int operations) {
      return put(QUEUE_MAX_OPERATIONS, operations);
    }

    /** At most {@value TrackweaveConfig#MAX_BATCH_BYTES}; larger values are capped there. */
    public Builder batchMaxBytes(int bytes) {
      return put(BATCH_MAX_BYTES, bytes);
    }

    public Builder batchMaxOperations(int operations) {
      return put(BATCH_MAX_OPERATIONS, operations);
    }

    public Builder flushInterval(Duration interval) {
      return put(FLUSH_INTERVAL, interval);
    }

    public Builder connectTimeout(Duration timeout) {
      return put(CONNECT_TIMEOUT, timeout);
    }

    public Builder readTimeout(Duration timeout) {
      return put(READ_TIMEOUT, timeout);
    }

    public Builder callTimeout(Duration timeout) {
      return put(CALL_TIMEOUT, timeout);
    }

    /** The most attempts per request, first try included; 0 (the default) for no count limit. */
    public Builder retryMaxAttempts(int attempts) {
      return put(RETRY_MAX_ATTEMPTS, attempts);
    }

    public Builder retryMaxTime(Duration time) {
      return put(RETRY_MAX_TIME, time);
    }

    public Builder retryInitialBackoff(Duration backoff) {
      return put(RETRY_INITIAL_BACKOFF, backoff);
    }

    public Builder retryMaxBackoff(Duration backoff) {
      return put(RETRY_MAX_BACKOFF, backoff);
    }

    /** Requests per second across the process for this workspace and endpoint. */
    public Builder rateLimit(double requestsPerSecond) {
      return put(RATE_LIMIT, requestsPerSecond);
    }

    public Builder senders(int senders) {
      return put(SENDERS, senders);
    }

    public Builder dedupeCapacity(int slots) {
      return put(DEDUPE_CAPACITY, slots);
    }

    public Builder shutdownTimeout(Duration timeout) {
      return put(SHUTDOWN_TIMEOUT, timeout);
    }

    /**
     * Backfill mode, for a one-off import of history: every event less than 72 hours old is refused
     * ({@code backfill_would_trigger}), because Customer.io still triggers campaigns from it; older events
     * are sent with their real timestamps. Send roll-ups as identify attributes instead, or name the events
     * that should trigger in {@link #backfillTriggerEvents}.
     */
    public Builder backfill(boolean backfill) {
      return put(BACKFILL, backfill);
    }

    /** Events that backfill mode sends even when recent. */
    public Builder backfillTriggerEvents(Collection<String> events) {
      return put(BACKFILL_TRIGGER_EVENTS, events);
    }

    public Builder gzip(boolean gzip) {
      return put(GZIP, gzip);
    }

    public Builder jmx(boolean jmx) {
      return put(JMX, jmx);
    }

    public Builder name(String name) {
      return put(NAME, name);
    }

    /** Turns the disk spool on or off (on by default; {@code false} is the explicit opt-out). */
    public Builder spoolEnabled(boolean enabled) {
      return put(SPOOL_ENABLED, enabled);
    }

    /** The spool directory; null for the per-site default. */
    public Builder spoolDir(Path dir) {
      return put(SPOOL_DIR, dir);
    }

    /** The cap of the spool's files on disk (at least 1 MiB). */
    public Builder spoolMaxBytes(long bytes) {
      return put(SPOOL_MAX_BYTES, bytes);
    }

    public Builder spoolFsync(FsyncPolicy policy) {
      return put(SPOOL_FSYNC, policy);
    }

    public Builder spoolFsyncInterval(Duration interval) {
      return put(SPOOL_FSYNC_INTERVAL, interval);
    }

    public Builder listener(DeliveryListener listener) {
      this.listener = listener;
      return this;
    }

    /** {@code http} (default) or {@code kafka}. */
    public Builder transport(Transport transport) {
      return put(TRANSPORT, transport);
    }

    /** A Kafka client property, named without the {@code kafka.} prefix ({@code bootstrap.servers}). */
    public Builder kafkaProperty(String name, String value) {
      if (Objects.requireNonNull(name, "name").equals("bootstrap.servers")) {
        return put(KAFKA_BOOTSTRAP_SERVERS, value); // a setting of its own, with the other names
      }
      if (value == null || value.isBlank()) {
        kafkaProperties.remove(name);
      } else {
        kafkaProperties.put(name, value.trim());
      }
      return this;
    }

    public Builder kafkaTopic(String topic) {
      return put(KAFKA_TOPIC, topic);
    }

    public Builder relayGroup(String group) {
      return put(RELAY_GROUP, group);
    }

    public Builder relayDeadLetterTopic(String topic) {
      return put(RELAY_DEAD_LETTER_TOPIC, topic);
    }

    public TrackweaveConfig build() {
      return new TrackweaveConfig(this);
    }
  }
}
