package io.trackweave.testkit;

import com.sun.net.httpserver.HttpServer;
import io.trackweave.plan.PlanException;
import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.internal.activity.ActivityHandler;
import io.trackweave.testkit.internal.activity.ActivityJson;
import io.trackweave.testkit.internal.activity.CallLog;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.internal.check.PlanCheck;
import io.trackweave.testkit.faults.Faults;
import io.trackweave.testkit.internal.http.BasicAuth;
import io.trackweave.testkit.Limits;
import io.trackweave.testkit.internal.http.TrackApiHandler;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.internal.model.Workspace;
import io.trackweave.testkit.model.AnonymousView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Customer.io Track API: a real HTTP server (the JDK's) that implements the v1 customer, event,
 * device, merge and suppress endpoints and v2 entity and batch (people and objects), and the Data Pipelines API,
 * checks Basic auth and Customer.io's size limits, keeps the people and objects it is told about in memory,
 * checks every call against a tracking plan, and shows it all in an activity log page at {@link #url()}.
 *
 * <pre>{@code
 * try (TrackApiEmulator api = TrackApiEmulator.builder().plan(plan).start()) {
 *   // point a client at api.endpoint() with api.siteId() / api.apiKey()
 *   api.faults().failNext(2, 503, Duration.ofSeconds(1));
 *   ...
 *   api.person("42").orElseThrow().events();
 * }
 * }</pre>
 */
public final class TrackApiEmulator implements AutoCloseable {
  /** The credentials the emulator accepts unless told otherwise; not secrets. */
  public static final String DEFAULT_SITE_ID = "emulator-site";

  public static final String DEFAULT_API_KEY = "emulator-key";
  /** The Data Pipelines API key the emulator accepts unless told otherwise. */
  public static final String DEFAULT_PIPELINES_API_KEY = "emulator-pipelines-key";

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // The JDK server writes headers and body separately; with Nagle on, each call waits ~40 ms for a
    // delayed ACK. The server reads this property once, when its first instance starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Workspace workspace;
  private final CallLog calls;
  private final Faults faults = new Faults();
  private final TrackingPlan plan;
  private final String siteId;
  private final String apiKey;
  private final String pipelinesApiKey;
  private final URI url;
  private final Clock clock;

  private TrackApiEmulator(Builder b) throws IOException {
    this.plan = b.plan;
    this.siteId = b.siteId;
    this.apiKey = b.apiKey;
    this.clock = b.clock;
    this.pipelinesApiKey = b.pipelinesApiKey;
    this.workspace = new Workspace(b.maxEvents, clock, plan);
    this.calls = new CallLog(b.maxCalls);
    PlanCheck check = plan == null ? PlanCheck.NONE : PlanCheck.of(plan);
    int instance = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "trackweave-emulator-" + instance + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 64);
    server.setExecutor(executor);
    TrackApiHandler api = new TrackApiHandler(workspace, check, faults, calls, new BasicAuth(siteId, apiKey),
        new BasicAuth(pipelinesApiKey, ""), b.limits, clock);
    server.createContext("/api/", api);
    server.createContext("/v1/", api); // the Data Pipelines API
    server.createContext("/", new ActivityHandler(this::activityJson));
    server.start();
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.url = URI.create("http://" + host + ":" + bound.getPort() + "/");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts an emulator on a free loopback port, with the default credentials and no plan. */
  public static TrackApiEmulator start() {
    return builder().start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:43817/}: the activity log page is here. */
  public URI url() {
    return url;
  }

  /** The Track API endpoint to configure clients with: {@link #url()} without the trailing slash. */
  public String endpoint() {
    String s = url.toString();
    return s.substring(0, s.length() - 1);
  }

  public int port() {
    return url.getPort();
  }

  public String siteId() {
    return siteId;
  }

  /** The Data Pipelines API key accepted (Basic auth user name, empty password). */
  public String pipelinesApiKey() {
    return pipelinesApiKey;
  }

  public String apiKey() {
    return apiKey;
  }

  /** The tracking plan calls are checked against, or null. */
  public TrackingPlan plan() {
    return plan;
  }

  /** The emulator's time: arrivals, journey waits, and Customer.io's 72-hour and anonymous-merge windows. */
  public Clock clock() {
    return clock;
  }

  /**
   * The plan's journeys as evaluated on what arrived so far, up to the clock's now: who entered, who left and
   * why, and what each would have been sent. Empty without a plan or when it declares no journeys.
   */
  public List<JourneyView> journeys() {
    return snapshot().journeys();
  }

  /** Fault injection: fail, slow down or reset the next calls. */
  public Faults faults() {
    return faults;
  }

  /** Every person now stored, in creation order (copies). */
  public List<PersonView> people() {
    return workspace.snapshot(Integer.MAX_VALUE).people();
  }

  /** The person known by this id, email, phone or cio_id (with or without the {@code cio_} prefix). */
  public Optional<PersonView> person(String identifier) {
    for (PersonView p : people()) {
      if (p.isKnownAs(identifier)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Every object (company, account, subscription...) now stored, in creation order, with its relationships. */
  public List<ObjectView> objects() {
    return snapshot().objects();
  }

  /** The object of this type id (e.g. {@code "1"}) and id, with its attributes and relationships. */
  public Optional<ObjectView> object(String typeId, String id) {
    return Optional.ofNullable(snapshot().object(typeId, id));
  }

  /** Every stored event, people's and anonymous, in arrival order. */
  public List<EventView> events() {
    ModelSnapshot snapshot = snapshot();
    List<EventView> all = new ArrayList<>();
    snapshot.people().forEach(p -> all.addAll(p.events()));
    for (AnonymousView a : snapshot.anonymous()) {
      all.addAll(a.events());
    }
    all.sort((x, y) -> Long.compare(x.seq(), y.seq()));
    return all;
  }

  /** A consistent copy of the whole model. */
  public ModelSnapshot snapshot() {
    return workspace.snapshot(Integer.MAX_VALUE);
  }

  public Counts counts() {
    return workspace.counts();
  }

  /** The Track API calls kept in the log (the latest 1000 by default), oldest first. */
  public List<CallRecord> calls() {
    return calls.all();
  }

  /** Forgets every person, event, call and pending fault. */
  public void reset() {
    workspace.clear();
    calls.clear();
    faults.clear();
  }

  /** The activity log as served at {@code /activity}. */
  public Object activityJson(int eventsPerPerson) {
    return ActivityJson.render(
        workspace.snapshot(eventsPerPerson), calls.latest(100), calls.total(), calls.failed(), plan, clock.instant());
  }

  /** Stops the server at once, closing open connections. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "TrackApiEmulator[" + url + (plan != null ? ", plan " + plan.name() : "") + "]";
  }

  /** Configures an emulator. Every setting has a default that suits a unit test. */
  public static final class Builder {
    private InetAddress host = InetAddress.getLoopbackAddress();
    private int port;
    private String siteId = DEFAULT_SITE_ID;
    private String apiKey = DEFAULT_API_KEY;
    private String pipelinesApiKey = DEFAULT_PIPELINES_API_KEY;
    private TrackingPlan plan;
    private int maxEvents = 100_000;
    private int maxCalls = 1000;
    private int threads = 8;
    private Limits limits = Limits.CUSTOMER_IO;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The emulator's clock; the system's by default. Give it a {@link ManualClock} to move time in tests (journey
     * waits, the 72-hour trigger rule, the anonymous merge windows) without sleeping.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** The address to bind; loopback by default. Anything else exposes the emulator to the network. */
    public Builder host(InetAddress host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The Basic credentials accepted: site id and API key. */
    public Builder credentials(String siteId, String apiKey) {
      this.siteId = requireText(siteId, "siteId");
      this.apiKey = requireText(apiKey, "apiKey");
      return this;
    }

    /** The Data Pipelines API key accepted (as the Basic auth user name, with an empty password). */
    public Builder pipelinesApiKey(String pipelinesApiKey) {
      this.pipelinesApiKey = requireText(pipelinesApiKey, "pipelinesApiKey");
      return this;
    }

    /** Checks every call against this plan; null for none. */
    public Builder plan(TrackingPlan plan) {
      this.plan = plan;
      return this;
    }

    /** Loads the plan from a YAML or JSON file. */
    public Builder plan(Path planFile) throws PlanException {
      this.plan = PlanLoader.load(planFile);
      return this;
    }

    /** The most events kept; beyond it the oldest are evicted (and counted). 100,000 by default. */
    public Builder maxEvents(int maxEvents) {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
      }
      this.maxEvents = maxEvents;
      return this;
    }

    /** The most calls kept in the call log. 1000 by default. */
    public Builder maxCalls(int maxCalls) {
      if (maxCalls < 1) {
        throw new IllegalArgumentException("maxCalls must be positive: " + maxCalls);
      }
      this.maxCalls = maxCalls;
      return this;
    }

    /** Server threads (each injected latency holds one). 8 by default. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Size limits; Customer.io's (32 KB per operation, 500 KB per batch) by default. */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public TrackApiEmulator start() {
      try {
        return new TrackApiEmulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot start the Track API emulator on " + host.getHostAddress() + ":" + port + ": " + e.getMessage(),
            e);
      }
    }

    private static String requireText(String value, String name) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }
  }
}
