package io.trackweave.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The runtime's settings as {@code trackweave.*} properties: one setting keeps one name in every form
 * (docs/configuration.md), so {@code trackweave.spool.dir} here is the system property {@code
 * -Dtrackweave.spool.dir} and the environment variable {@code TRACKWEAVE_SPOOL_DIR}. Values use the
 * runtime's own syntax ({@code 250ms}, {@code 2m}, {@code 32m}, {@code 1g}) and are checked by it; an
 * impossible value stops the application context with the setting's name and why.
 *
 * <p>A setting left unset here falls through to what the runtime reads itself ({@code CUSTOMERIO_SITE_ID},
 * {@code CUSTOMERIO_API_KEY}, {@code CUSTOMERIO_PIPELINES_API_KEY}), then to its default. The names that
 * differ from the runtime's, because the runtime's name is a value itself in YAML: {@code
 * trackweave.spool.fsync-interval} (the runtime's {@code spool.fsync.interval}), {@code
 * trackweave.backfill-trigger-events} ({@code backfill.trigger.events}); and the Kafka client's own
 * properties go under {@code trackweave.kafka.properties.*}, as Spring Boot's {@code spring.kafka.properties.*}.
 * The relay's settings ({@code relay.*}) are not properties of an application: a {@code trackweave.*} key
 * that binds to nothing here is named in a startup warning, never silently ignored.
 *
 * <p>The defaults the IDE shows come from META-INF/additional-spring-configuration-metadata.json;
 * TrackweavePropertiesSettingsTest holds that file and these properties to the runtime's {@code Setting}.
 * The properties stay typed JavaBean accessors, one per setting, because that is what Spring Boot's
 * configuration processor turns into IDE metadata (names, types, descriptions) and what its relaxed binding
 * reads; a {@code Map}-bound or generated form would need a code generator in the build and would change
 * how bad values and YAML's nested names bind.
 */
@ConfigurationProperties("trackweave")
public class TrackweaveProperties {
  /** Whether the starter creates a runtime at all. Off: no runtime bean, nothing tracked or sent. */
  private boolean enabled = true;

  /**
   * Workspace region: us (track.customer.io; cdp.customer.io for api.version=pipelines) or eu
   * (track-eu.customer.io; cdp-eu.customer.io).
   */
  private String region;

  /**
   * Base URL that replaces the region's, e.g. a local emulator. Plain http only to loopback. Unset: the
   * region's.
   */
  private String endpoint;

  /** Sender threads, i.e. requests in flight at once. */
  private Integer senders;

  /** Compress request bodies (Content-Encoding: gzip). */
  private Boolean gzip;

  /** Register the io.trackweave:type=Runtime,name=... MBean. */
  private Boolean jmx;

  /** This runtime's name: in its MBean, thread names and the runtime tag of its meters. */
  private String name;

  /**
   * Backfill mode, for a one-off import of history: an event less than 72 hours old (which would still
   * trigger live campaigns) is refused as backfill_would_trigger; older events are sent with their real
   * timestamps.
   */
  private Boolean backfill;

  /** Events that backfill mode sends even when recent, because triggering campaigns from them is intended. */
  private List<String> backfillTriggerEvents = new ArrayList<>();

  /**
   * http (Customer.io's API) or kafka (publish each call to trackweave.kafka.topic for trackweave-relay;
   * needs trackweave-kafka on the class path).
   */
  private String transport;

  private final Site site = new Site();
  private final Api api = new Api();
  private final Queue queue = new Queue();
  private final Batch batch = new Batch();
  private final Flush flush = new Flush();
  private final Timeout connect = new Timeout();
  private final Timeout read = new Timeout();
  private final Timeout call = new Timeout();
  private final Retry retry = new Retry();
  private final Rate rate = new Rate();
  private final Dedupe dedupe = new Dedupe();
  private final Timeout shutdown = new Timeout();
  private final Spool spool = new Spool();
  private final Advisor advisor = new Advisor();
  private final Pipelines pipelines = new Pipelines();
  private final Kafka kafka = new Kafka();

  /**
   * The settings given here, by the runtime's setting key ({@code spool.dir}), as text for {@code
   * TrackweaveConfig.Builder.set}. Credentials are not among them: their precedence against {@code
   * CUSTOMERIO_*} variables is resolved from the environment itself. Nor are the Kafka client's properties,
   * which are not settings ({@link Kafka#getProperties()}).
   */
  public Map<String, String> runtimeSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    put(s, "region", region);
    put(s, "endpoint", endpoint);
    put(s, "api.version", api.version);
    put(s, "queue.max.bytes", queue.max.bytes);
    put(s, "queue.max.operations", queue.max.operations);
    put(s, "batch.max.bytes", batch.max.bytes);
    put(s, "batch.max.operations", batch.max.operations);
    put(s, "flush.interval", flush.interval);
    put(s, "connect.timeout", connect.timeout);
    put(s, "read.timeout", read.timeout);
    put(s, "call.timeout", call.timeout);
    put(s, "retry.max.attempts", retry.max.attempts);
    put(s, "retry.max.time", retry.max.time);
    put(s, "retry.initial.backoff", retry.initial.backoff);
    put(s, "retry.max.backoff", retry.max.backoff);
    put(s, "rate.limit", rate.limit);
    put(s, "senders", senders);
    put(s, "dedupe.capacity", dedupe.capacity);
    put(s, "shutdown.timeout", shutdown.timeout);
    put(s, "gzip", gzip);
    put(s, "jmx", jmx);
    put(s, "name", name);
    put(s, "spool.enabled", spool.enabled);
    put(s, "spool.dir", spool.dir);
    put(s, "spool.max.bytes", spool.max.bytes);
    put(s, "spool.fsync", spool.fsync);
    put(s, "spool.fsync.interval", spool.fsyncInterval);
    put(s, "pipelines.update.only", pipelines.update.only);
    put(s, "backfill", backfill);
    put(s, "backfill.trigger.events", backfillTriggerEvents.isEmpty() ? null : String.join(",", backfillTriggerEvents));
    put(s, "transport", transport);
    put(s, "kafka.bootstrap.servers", kafka.bootstrap.servers);
    put(s, "kafka.topic", kafka.topic);
    return s;
  }

  private static void put(Map<String, String> settings, String key, Object value) {
    if (value != null && !value.toString().isBlank()) {
      settings.put(key, value.toString());
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Integer getSenders() {
    return senders;
  }

  public void setSenders(Integer senders) {
    this.senders = senders;
  }

  public Boolean getGzip() {
    return gzip;
  }

  public void setGzip(Boolean gzip) {
    this.gzip = gzip;
  }

  public Boolean getJmx() {
    return jmx;
  }

  public void setJmx(Boolean jmx) {
    this.jmx = jmx;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Boolean getBackfill() {
    return backfill;
  }

  public void setBackfill(Boolean backfill) {
    this.backfill = backfill;
  }

  public List<String> getBackfillTriggerEvents() {
    return backfillTriggerEvents;
  }

  public void setBackfillTriggerEvents(List<String> backfillTriggerEvents) {
    this.backfillTriggerEvents = backfillTriggerEvents == null ? new ArrayList<>() : backfillTriggerEvents;
  }

  public String getTransport() {
    return transport;
  }

  public void setTransport(String transport) {
    this.transport = transport;
  }

  public Pipelines getPipelines() {
    return pipelines;
  }

  public Kafka getKafka() {
    return kafka;
  }

  public Site getSite() {
    return site;
  }

  public Api getApi() {
    return api;
  }

  public Queue getQueue() {
    return queue;
  }

  public Batch getBatch() {
    return batch;
  }

  public Flush getFlush() {
    return flush;
  }

  public Timeout getConnect() {
    return connect;
  }

  public Timeout getRead() {
    return read;
  }

  public Timeout getCall() {
    return call;
  }

  public Retry getRetry() {
    return retry;
  }

  public Rate getRate() {
    return rate;
  }

  public Dedupe getDedupe() {
    return dedupe;
  }

  public Timeout getShutdown() {
    return shutdown;
  }

  public Spool getSpool() {
    return spool;
  }

  public Advisor getAdvisor() {
    return advisor;
  }

  /** {@code trackweave.site.*} */
  public static class Site {
    /** Customer.io site id, the Basic auth user name. Also read from CUSTOMERIO_SITE_ID. */
    private String id;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }
  }

  /** {@code trackweave.api.*} */
  public static class Api {
    /** Customer.io Track API key, the Basic auth password. Also read from CUSTOMERIO_API_KEY. Never logged. */
    private String key;

    /**
     * v2 (Track API, POST /api/v2/batch), v1 (Track API, one request per call on the v1 endpoints) or
     * pipelines (Data Pipelines API, POST /v1/batch; credentials: trackweave.pipelines.api.key).
     */
    private String version;

    public String getKey() {
      return key;
    }

    public void setKey(String key) {
      this.key = key;
    }

    public String getVersion() {
      return version;
    }

    public void setVersion(String version) {
      this.version = version;
    }
  }

  /** {@code trackweave.queue.*} */
  public static class Queue {
    private final Max max = new Max();

    public Max getMax() {
      return max;
    }

    /** {@code trackweave.queue.max.*} */
    public static class Max {
      /** Estimated bytes the runtime may hold (waiting and in flight), e.g. 32m; beyond it new calls are dropped. */
      private String bytes;

      /** Operations the runtime may hold; beyond it new calls are dropped. */
      private Integer operations;

      public String getBytes() {
        return bytes;
      }

      public void setBytes(String bytes) {
        this.bytes = bytes;
      }

      public Integer getOperations() {
        return operations;
      }

      public void setOperations(Integer operations) {
        this.operations = operations;
      }
    }
  }

  /** {@code trackweave.batch.*} */
  public static class Batch {
    private final Max max = new Max();

    public Max getMax() {
      return max;
    }

    /** {@code trackweave.batch.max.*} */
    public static class Max {
      /** Largest v2 batch body before compression (at most 500000, Customer.io's limit). */
      private String bytes;

      /** Most operations per v2 batch. */
      private Integer operations;

      public String getBytes() {
        return bytes;
      }

      public void setBytes(String bytes) {
        this.bytes = bytes;
      }

      public Integer getOperations() {
        return operations;
      }

      public void setOperations(Integer operations) {
        this.operations = operations;
      }
    }
  }

  /** {@code trackweave.flush.*} */
  public static class Flush {
    /** Longest a call waits for its batch to fill before it is sent, e.g. 1s or 200ms. */
    private String interval;

    public String getInterval() {
      return interval;
    }

    public void setInterval(String interval) {
      this.interval = interval;
    }
  }

  /** {@code trackweave.connect.timeout}, {@code read.timeout}, {@code call.timeout}, {@code shutdown.timeout}. */
  public static class Timeout {
    /**
     * connect: TCP/TLS connect timeout (with the disk spool, also how long requests may go without any
     * answer before they are cancelled and their calls spooled); read: socket read timeout; call:
     * whole-request timeout of one attempt; shutdown: deadline of the flush on context close.
     */
    private String timeout;

    public String getTimeout() {
      return timeout;
    }

    public void setTimeout(String timeout) {
      this.timeout = timeout;
    }
  }

  /** {@code trackweave.retry.*} */
  public static class Retry {
    private final Max max = new Max();
    private final Initial initial = new Initial();

    public Max getMax() {
      return max;
    }

    public Initial getInitial() {
      return initial;
    }

    /** {@code trackweave.retry.max.*} */
    public static class Max {
      /** Most attempts per request (first try included) for 408, 429, 5xx and I/O errors; 0 is no count limit. */
      private Integer attempts;

      /** Longest time spent retrying one request; then its calls are given up. */
      private String time;

      /** Largest backoff ceiling. */
      private String backoff;

      public Integer getAttempts() {
        return attempts;
      }

      public void setAttempts(Integer attempts) {
        this.attempts = attempts;
      }

      public String getTime() {
        return time;
      }

      public void setTime(String time) {
        this.time = time;
      }

      public String getBackoff() {
        return backoff;
      }

      public void setBackoff(String backoff) {
        this.backoff = backoff;
      }
    }

    /** {@code trackweave.retry.initial.*} */
    public static class Initial {
      /** First backoff ceiling; doubles per attempt, full jitter. */
      private String backoff;

      public String getBackoff() {
        return backoff;
      }

      public void setBackoff(String backoff) {
        this.backoff = backoff;
      }
    }
  }

  /** {@code trackweave.rate.*} */
  public static class Rate {
    /** Requests per second, shared by every runtime of the process sending to one workspace and endpoint. */
    private Double limit;

    public Double getLimit() {
      return limit;
    }

    public void setLimit(Double limit) {
      this.limit = limit;
    }
  }

  /** {@code trackweave.dedupe.*} */
  public static class Dedupe {
    /** Slots of the in-process seen-set of dedupe keys (8 bytes each). */
    private Integer capacity;

    public Integer getCapacity() {
      return capacity;
    }

    public void setCapacity(Integer capacity) {
      this.capacity = capacity;
    }
  }

  /** {@code trackweave.spool.*} */
  public static class Spool {
    /** Spill to a disk spool when the queue is full or Customer.io stays unreachable, and replay it. */
    private Boolean enabled;

    /** Spool directory (put it on a volume in a container). Unset: ~/.trackweave/spool/&lt;hash of site and endpoint&gt;. */
    private String dir;

    /** always, interval (at most every spool.fsync-interval) or never. */
    private String fsync;

    /**
     * Longest time spool writes stay unsynced with spool.fsync=interval (the runtime's spool.fsync.interval); also
     * the memory bound (never under 1 s): a batch that waits this long for a sender goes to the spool.
     */
    private String fsyncInterval;

    private final Max max = new Max();

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getDir() {
      return dir;
    }

    public void setDir(String dir) {
      this.dir = dir;
    }

    public String getFsync() {
      return fsync;
    }

    public void setFsync(String fsync) {
      this.fsync = fsync;
    }

    public String getFsyncInterval() {
      return fsyncInterval;
    }

    public void setFsyncInterval(String fsyncInterval) {
      this.fsyncInterval = fsyncInterval;
    }

    public Max getMax() {
      return max;
    }

    /** {@code trackweave.spool.max.*} */
    public static class Max {
      /** Cap of the spool's files on disk, e.g. 1g; beyond it spilled calls are dropped (spool_full). */
      private String bytes;

      public String getBytes() {
        return bytes;
      }

      public void setBytes(String bytes) {
        this.bytes = bytes;
      }
    }
  }

  /** {@code trackweave.pipelines.*}: Customer.io's Data Pipelines API, with {@code trackweave.api.version=pipelines}. */
  public static class Pipelines {
    private final PipelinesApi api = new PipelinesApi();
    private final Update update = new Update();

    public PipelinesApi getApi() {
      return api;
    }

    public Update getUpdate() {
      return update;
    }

    /** {@code trackweave.pipelines.api.*} */
    public static class PipelinesApi {
      /**
       * Data Pipelines API key (the workspace's Customer.io API integration), the Basic auth user name;
       * trackweave.site.id and trackweave.api.key are then not needed. Also read from
       * CUSTOMERIO_PIPELINES_API_KEY. Never logged.
       */
      private String key;

      public String getKey() {
        return key;
      }

      public void setKey(String key) {
        this.key = key;
      }
    }

    /** {@code trackweave.pipelines.update.*} */
    public static class Update {
      /**
       * What the Pipelines API does with an update-only identify, which it cannot express: identify sends
       * it as a plain identify (which may create the person; warned once), reject refuses it
       * (update_only_needs_track_api).
       */
      private String only;

      public String getOnly() {
        return only;
      }

      public void setOnly(String only) {
        this.only = only;
      }
    }
  }

  /** {@code trackweave.kafka.*}: the Kafka transport ({@code trackweave.transport=kafka}). */
  public static class Kafka {
    private final Bootstrap bootstrap = new Bootstrap();

    /** The topic of captured calls: one record per call, keyed by the person. */
    private String topic;

    /**
     * Any other Kafka producer property, by its Kafka name (security.protocol, sasl.mechanism,
     * sasl.jaas.config...), as Spring Boot's spring.kafka.properties.*. Values are never logged.
     */
    private Map<String, String> properties = new LinkedHashMap<>();

    public Bootstrap getBootstrap() {
      return bootstrap;
    }

    public String getTopic() {
      return topic;
    }

    public void setTopic(String topic) {
      this.topic = topic;
    }

    public Map<String, String> getProperties() {
      return properties;
    }

    public void setProperties(Map<String, String> properties) {
      this.properties = properties == null ? new LinkedHashMap<>() : properties;
    }

    /** {@code trackweave.kafka.bootstrap.*} */
    public static class Bootstrap {
      /** Kafka brokers, host:port,... */
      private String servers;

      public String getServers() {
        return servers;
      }

      public void setServers(String servers) {
        this.servers = servers;
      }
    }
  }

  /** {@code trackweave.advisor.*} */
  public static class Advisor {
    /**
     * Track annotated methods of Spring beans through a proxy, without agent or build plugin. Backs off by
     * itself where the agent or build-time weaving already reports a method.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
