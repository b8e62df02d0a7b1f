package io.trackweave.runtime.internal.config;

import java.util.Locale;

/**
 * Every setting of the runtime, with its one name in each form: the key (agent argument and overrides
 * map) {@code spool.dir}, the system property {@code trackweave.spool.dir} and the environment
 * variable {@code TRACKWEAVE_SPOOL_DIR}. The credentials keep Customer.io's own variable names.
 * docs/configuration.md lists this table (SettingDocsTest holds them to each other).
 *
 * <p>A setting also owns what its value is: its {@link SettingType} parses the text every source gives and
 * checks the typed value a builder setter takes, and its default is its documented default text parsed, so
 * the default exists once. One constant per line; a new setting is one line here and one row in the docs.
 */
public enum Setting {
  SITE_ID("site.id", "CUSTOMERIO_SITE_ID", SettingType.TEXT, "(none)", "Customer.io site id, the Basic auth user name."),
  API_KEY("api.key", "CUSTOMERIO_API_KEY", SettingType.TEXT, "(none)", "Customer.io Track API key, the Basic auth password. Never logged."),
  PIPELINES_API_KEY("pipelines.api.key", "CUSTOMERIO_PIPELINES_API_KEY", SettingType.TEXT, "(none)", "Customer.io Data Pipelines API key (from the workspace's Customer.io API integration), used only with `api.version=pipelines` as the Basic auth user name with an empty password; `site.id` and `api.key` are then not needed. Never logged."),
  PIPELINES_UPDATE_ONLY("pipelines.update.only", null, SettingType.UPDATE_ONLY, "identify", "What `api.version=pipelines` does with an update-only identify (`@IdentifyOn(updateOnly = true)`), which that API cannot express: `identify` sends it as a plain identify, which creates the person if they do not exist (warned once); `reject` refuses it (counted as `update_only_needs_track_api`), so it never creates a profile, and its update is lost."),
  REGION("region", null, SettingType.REGION, "us", "Workspace region: us (track.customer.io; cdp.customer.io for api.version=pipelines) or eu (track-eu.customer.io; cdp-eu.customer.io). Any other value disables the runtime (fails closed; never falls back to us)."),
  ENDPOINT("endpoint", null, SettingType.ENDPOINT, "(from region)", "Base URL that replaces the region's, e.g. a local emulator. A value that is not an http(s) URL with a host disables the runtime (never falls back to the region). Plain http only to loopback: localhost, 127.0.0.0/8 or ::1, judged on the parsed host. Redirects are followed only as 307/308 to this origin or to Customer.io over https; others reject the calls (redirect_refused)."),
  API_VERSION("api.version", null, SettingType.API_VERSION, "v2", "v2 (Track API, POST /api/v2/batch), v1 (Track API, one request per call on the v1 endpoints) or pipelines (Data Pipelines API, POST /v1/batch on cdp.customer.io or cdp-eu.customer.io). Any other value is reported (naming the three) and v2 is used."),
  QUEUE_MAX_BYTES("queue.max.bytes", null, SettingType.SIZE, "33554432", "Estimated bytes the runtime may hold (waiting and in flight); beyond it new calls are dropped."),
  QUEUE_MAX_OPERATIONS("queue.max.operations", null, SettingType.COUNT, "100000", "Operations the runtime may hold; beyond it new calls are dropped."),
  BATCH_MAX_BYTES("batch.max.bytes", null, SettingType.BATCH_SIZE, "500000", "Largest v2 batch body before compression (at most 500000, Customer.io's limit)."),
  BATCH_MAX_OPERATIONS("batch.max.operations", null, SettingType.COUNT, "2000", "Most operations per v2 batch."),
  FLUSH_INTERVAL("flush.interval", null, SettingType.DURATION, "1s", "Longest a call waits for its batch to fill before it is sent."),
  CONNECT_TIMEOUT("connect.timeout", null, SettingType.DURATION, "10s", "TCP/TLS connect timeout. With the disk spool, also how long requests may stay outstanding with no answer at all before they are cancelled and their calls spooled (a server that takes the connection and never answers)."),
  READ_TIMEOUT("read.timeout", null, SettingType.DURATION, "30s", "Socket read timeout."),
  CALL_TIMEOUT("call.timeout", null, SettingType.DURATION, "60s", "Whole-request timeout (one attempt)."),
  RETRY_MAX_ATTEMPTS("retry.max.attempts", null, SettingType.LIMIT, "0", "Most attempts per request (first try included) for 408, 429, 5xx and I/O errors; 0 is no count limit, so retry.max.time alone bounds retries (a connection that fails fast would burn a count in seconds)."),
  RETRY_MAX_TIME("retry.max.time", null, SettingType.DURATION, "2m", "Longest time spent retrying one request; then its calls are given up."),
  RETRY_INITIAL_BACKOFF("retry.initial.backoff", null, SettingType.DURATION, "250ms", "First backoff ceiling; doubles per attempt, full jitter."),
  RETRY_MAX_BACKOFF("retry.max.backoff", null, SettingType.DURATION, "30s", "Largest backoff ceiling."),
  RATE_LIMIT("rate.limit", null, SettingType.RATE, "100", "Requests per second, a token bucket shared by every runtime of the process sending to the same workspace and endpoint."),
  SENDERS("senders", null, SettingType.COUNT, "2", "Sender threads, i.e. requests in flight at once."),
  DEDUPE_CAPACITY("dedupe.capacity", null, SettingType.COUNT, "65536", "Slots of the in-process seen-set of dedupe keys (8 bytes each); older keys are forgotten first."),
  SHUTDOWN_TIMEOUT("shutdown.timeout", null, SettingType.DEADLINE, "5s", "Deadline of close() and of the shutdown hook: flush, stop the threads and hand what is left to the spool, all within it."),
  GZIP("gzip", null, SettingType.BOOLEAN, "false", "Compress request bodies (Content-Encoding: gzip). Off by default: the Track API spec documents no compressed request bodies."),
  JMX("jmx", null, SettingType.BOOLEAN, "true", "Register the io.trackweave:type=Runtime MBean."),
  NAME("name", null, SettingType.RUNTIME_NAME, "default", "This runtime's name, in its MBean and thread names."),
  SPOOL_ENABLED("spool.enabled", null, SettingType.BOOLEAN, "true", "Spill to a disk spool when the queue is full or Customer.io stays unreachable, and replay it (also after a crash). On whenever the runtime is enabled (it has credentials); false is the explicit opt-out, and then those calls are dropped and counted."),
  SPOOL_DIR("spool.dir", null, SettingType.PATH, "(per site)", "Spool directory; by default ~/.trackweave/spool/<hash of site id and endpoint> (java.io.tmpdir when the home is not writable, used only if that directory is this user's and not writable by others). Directories are created rwx------ and files rw------- (POSIX). Locked by one process at a time."),
  SPOOL_MAX_BYTES("spool.max.bytes", null, SettingType.DISK_SIZE, "1g", "Cap of the spool's files on disk; beyond it spilled calls are dropped and counted (spool_full)."),
  SPOOL_FSYNC("spool.fsync", null, SettingType.FSYNC, "interval", "always (fsync before a flush or hand-over returns), interval (at most every spool.fsync.interval) or never (the OS decides)."),
  SPOOL_FSYNC_INTERVAL("spool.fsync.interval", null, SettingType.DURATION, "1s", "Longest time spool writes stay unsynced with spool.fsync=interval. Also the memory bound (never under 1 s): a batch that waits this long for a sender (none of them on a batch) goes to the spool, with the calls queued behind it."),
  BACKFILL("backfill", null, SettingType.BOOLEAN, "false", "Backfill mode for a one-off import of history: an event less than 72 hours old (which would still trigger live campaigns) is refused as backfill_would_trigger; older events are sent with their real timestamps."),
  BACKFILL_TRIGGER_EVENTS("backfill.trigger.events", null, SettingType.NAMES, "(none)", "Comma-separated events that backfill mode sends even when recent, because triggering campaigns from them is intended."),
  TRANSPORT("transport", null, SettingType.TRANSPORT, "http", "http (Customer.io's Track API) or kafka (publish each call to kafka.topic for trackweave-relay; needs trackweave-kafka on the class path, see docs/scale-out.md)."),
  KAFKA_BOOTSTRAP_SERVERS("kafka.bootstrap.servers", null, SettingType.TEXT, "(none)", "Kafka brokers, host:port,... Any other Kafka client property is set the same way under kafka. (kafka.security.protocol, TRACKWEAVE_KAFKA_SASL_MECHANISM)."),
  KAFKA_TOPIC("kafka.topic", null, SettingType.KAFKA_NAME, "trackweave.operations", "The topic of captured calls: one record per call, keyed by the person."),
  RELAY_GROUP("relay.group", null, SettingType.KAFKA_NAME, "trackweave-relay", "trackweave-relay's consumer group; relays of one group share the topic and one workspace rate budget."),
  RELAY_DEAD_LETTER_TOPIC("relay.dead.letter.topic", null, SettingType.KAFKA_NAME, "trackweave.operations.dead-letter", "Where trackweave-relay puts calls Customer.io rejected, and records it cannot decode, with the reason in a header."),
  ;

  private final String key;
  private final String propertyName;
  private final String envName;
  private final SettingType type;
  private final String defaultText;
  private final String description;

  Setting(String key, String envName, SettingType type, String defaultText, String description) {
    this.key = key;
    // String.concat, not '+': the agent's premain checks its arguments against these names, and an
    // indy string concatenation there would boot java.lang.invoke (tens of ms of start-up); a test in the
    // agent module keeps this class free of invokedynamic
    this.propertyName = "trackweave.".concat(key);
    this.envName = envName != null ? envName : "TRACKWEAVE_".concat(key.toUpperCase(Locale.ROOT).replace('.', '_'));
    this.type = type;
    this.defaultText = defaultText;
    this.description = description;
  }

  /** The short name: agent argument and key of the overrides map, e.g. {@code spool.dir}. */
  public String key() {
    return key;
  }

  /** The system property, e.g. {@code trackweave.spool.dir}. */
  public String propertyName() {
    return propertyName;
  }

  /** The environment variable, e.g. {@code TRACKWEAVE_SPOOL_DIR}. */
  public String envName() {
    return envName;
  }

  /** The default as docs/configuration.md shows it: a value's text, or words in parentheses, like {@code (none)}. */
  public String defaultText() {
    return defaultText;
  }

  public SettingType type() {
    return type;
  }

  /**
   * The typed default: {@link #defaultText()} parsed, or the type's unset value when the text is words
   * ({@code (none)}, {@code (per site)}: null, or the empty set for a list).
   */
  public Object defaultValue() {
    return defaultText.startsWith("(") ? type.none() : type.parse(key, defaultText);
  }

  /**
   * The value of this setting's text form, as any source gives it.
   *
   * @throws IllegalArgumentException naming the bad value (never a secret's: see {@link #isSecret()}) and
   *     what would do
   */
  public Object parse(String text) {
    return type.parse(key, text);
  }

  /**
   * The value this setting holds when set to {@code value} (a builder setter's argument): checked, and
   * normalized (trimmed, capped) as the setting says.
   *
   * @throws IllegalArgumentException for an impossible value, naming the setting
   */
  public Object check(Object value) {
    return type.check(key, value);
  }

  /** A credential: its value never goes into a message. */
  public boolean isSecret() {
    return this == API_KEY || this == PIPELINES_API_KEY;
  }

  public String description() {
    return description;
  }

  /** The setting named {@code name} in any of its forms, or null. */
  public static Setting byAnyName(String name) {
    String n = name.trim();
    for (Setting s : values()) {
      if (s.key.equalsIgnoreCase(n) || s.propertyName.equalsIgnoreCase(n) || s.envName.equalsIgnoreCase(n)) {
        return s;
      }
    }
    return null;
  }
}
