package io.trackweave.testkit.junit;

import io.trackweave.plan.PlanException;
import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.faults.Faults;
import io.trackweave.testkit.model.PersonView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Track API emulator for your tests, with a Trackweave runtime pointed at it and installed globally, so
 * annotated (woven) code and generated mappers deliver to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static TrackApiExtension api = TrackApiExtension.withPlan("tracking-plan.yaml");
 *
 * @Test
 * void confirmsPayment() {
 *   shop.confirmPayment("42", order);
 *   api.assertThat().tracked("order_completed").forCustomer("42").withProperty("order_id", "o-1").exactlyOnce();
 * }
 * }</pre>
 *
 * <p>Registered on a static field, one emulator serves the whole test class; on an instance field, one per
 * test. Each test gets a fresh runtime (so the runtime's own duplicate filter never hides one test's
 * events from the next) and, unless {@link #keepStateBetweenTests()}, an emptied emulator.
 */
public final class TrackApiExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final AtomicInteger RUNTIMES = new AtomicInteger();

  private final String planLocation;
  private final TrackingPlan givenPlan;
  private Consumer<TrackApiEmulator.Builder> emulatorSettings = b -> {};
  private Consumer<TrackweaveConfig.Builder> runtimeSettings = b -> {};
  private boolean withRuntime = true;
  private boolean keepState;
  private Duration timeout = DEFAULT_TIMEOUT;
  private ApiVersion api;

  private final ManualClock clock = ManualClock.ofSystemTime();
  private TrackApiEmulator emulator;
  private String startedBy;
  private boolean perTest;
  private TrackweaveRuntime runtime;
  private Path spool;

  private TrackApiExtension(String planLocation, TrackingPlan plan) {
    this.planLocation = planLocation;
    this.givenPlan = plan;
  }

  /** An emulator without a tracking plan. */
  public static TrackApiExtension create() {
    return new TrackApiExtension(null, null);
  }

  /**
   * An emulator checking calls against a plan: a class-path resource (e.g. {@code tracking-plan.yaml}
   * from src/test/resources) or else a file path. Loaded when the tests start; a plan with errors fails
   * them with every problem listed.
   */
  public static TrackApiExtension withPlan(String resourceOrPath) {
    return new TrackApiExtension(Objects.requireNonNull(resourceOrPath, "resourceOrPath"), null);
  }

  public static TrackApiExtension withPlan(Path planFile) {
    return new TrackApiExtension(Objects.requireNonNull(planFile, "planFile").toString(), null);
  }

  public static TrackApiExtension withPlan(TrackingPlan plan) {
    return new TrackApiExtension(null, Objects.requireNonNull(plan, "plan"));
  }

  /** Adjusts the emulator (credentials, limits, event cap...). */
  public TrackApiExtension configureEmulator(Consumer<TrackApiEmulator.Builder> settings) {
    this.emulatorSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Adjusts the runtime's configuration; the endpoint and credentials are the emulator's. */
  public TrackApiExtension configureRuntime(Consumer<TrackweaveConfig.Builder> settings) {
    this.runtimeSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Which of Customer.io's APIs the runtime sends to: {@link ApiVersion#V2} (the default), {@link
   * ApiVersion#V1} or {@link ApiVersion#PIPELINES}. The emulator speaks all of them, into the same people
   * model, so every assertion reads the same whichever API carried the calls.
   */
  public TrackApiExtension api(ApiVersion api) {
    this.api = Objects.requireNonNull(api, "api");
    return this;
  }

  /** No runtime: you send to {@link #emulator()} with a client of your own. */
  public TrackApiExtension withoutRuntime() {
    this.withRuntime = false;
    return this;
  }

  /** Keeps people, events and calls from one test to the next (the default empties the emulator). */
  public TrackApiExtension keepStateBetweenTests() {
    this.keepState = true;
    return this;
  }

  /** How long assertions wait for delivery; 10 s by default. */
  public TrackApiExtension timeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("negative timeout: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** The running emulator. */
  public TrackApiEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator starts with the tests; register this with @RegisterExtension");
    }
    return emulator;
  }

  /** The runtime of the current test (installed globally), or null with {@link #withoutRuntime()}. */
  public TrackweaveRuntime runtime() {
    return runtime;
  }

  /** Fault injection on the emulator. */
  public Faults faults() {
    return emulator().faults();
  }

  /** The people the emulator holds now (no flush, no waiting: see {@link #assertThat()}). */
  public List<PersonView> people() {
    return emulator().people();
  }

  /**
   * Moves the emulator's clock forward, after delivering everything the runtime holds (so what the test
   * tracked before arrives before the jump, as it would in real time): a test reaches a journey's two-hour
   * wait with {@code api.advanceClock(Duration.ofHours(2))}, without sleeping.
   */
  public void advanceClock(Duration amount) {
    ManualClock c = clock();
    if (runtime != null) {
      runtime.flush(timeout);
    }
    c.advance(amount);
  }

  /**
   * The emulator's clock: the system clock plus whatever a test advanced. Each test starts with it back on
   * system time (unless {@link #keepStateBetweenTests()}). Prefer {@link #advanceClock}, which first delivers
   * what the runtime still holds; {@code clock().advance(...)} moves time at once.
   *
   * @throws IllegalStateException when {@link #configureEmulator} gave the emulator a clock of its own
   */
  public ManualClock clock() {
    if (emulator != null && emulator.clock() != clock) {
      throw new IllegalStateException("the emulator runs on the clock given to configureEmulator; move that one");
    }
    return clock;
  }

  /**
   * Expectations about the plan's journey of that name:
   * {@code api.journey("cart_recovery").neverMessaged("cust-2")}. Same as {@code assertThat().journey(name)}.
   */
  public JourneyAssertion journey(String name) {
    return assertThat().journey(name);
  }

  /** Assertions that flush the runtime and wait (boundedly) for delivery. */
  public TrackApiAssertions assertThat() {
    return new TrackApiAssertions(emulator(), runtime, timeout);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes run beforeAll again: they share the outer class's emulator
    if (emulator == null) {
      startEmulator();
      startedBy = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      stopEmulator();
      startedBy = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      perTest = true;
      startEmulator();
    }
    if (!keepState) {
      emulator.reset();
      clock.reset();
    }
    if (withRuntime) {
      TrackweaveConfig.Builder config =
          TrackweaveConfig.builder()
              .siteId(emulator.siteId())
              .apiKey(emulator.apiKey())
              .endpoint(emulator.endpoint())
              .name("testkit-" + RUNTIMES.incrementAndGet())
              .jmx(false)
              .flushInterval(Duration.ofMillis(200))
              .retryInitialBackoff(Duration.ofMillis(50))
              .retryMaxBackoff(Duration.ofSeconds(1));
      // a spool of the test's own (the default one is keyed by site and endpoint, and an emulator's port
      // comes back in a later run): nothing one test left unsent replays into the next
      spool = newSpoolFolder();
      config.spoolDir(spool.resolve("spool"));
      if (api != null) {
        config.apiVersion(api);
      }
      runtimeSettings.accept(config);
      // the emulator's endpoint and credentials win over whatever the environment says
      config.siteId(emulator.siteId()).apiKey(emulator.apiKey()).pipelinesApiKey(emulator.pipelinesApiKey())
          .endpoint(emulator.endpoint());
      runtime = TrackweaveRuntime.create(config.build()).installGlobally();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TrackweaveRuntime r = runtime;
    runtime = null;
    if (r != null) {
      r.close(Duration.ofSeconds(5));
    }
    Path folder = spool;
    spool = null;
    if (folder != null) {
      deleteTree(folder);
    }
    if (perTest) {
      stopEmulator();
    }
  }

  private static Path newSpoolFolder() {
    try {
      return Files.createTempDirectory("trackweave-testkit-spool");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary spool folder for the test's runtime", e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder: the system cleans it up eventually
    }
  }

  private void startEmulator() {
    TrackApiEmulator.Builder builder = TrackApiEmulator.builder().plan(plan()).clock(clock);
    emulatorSettings.accept(builder);
    emulator = builder.start();
  }

  private void stopEmulator() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  private TrackingPlan plan() {
    if (givenPlan != null || planLocation == null) {
      return givenPlan;
    }
    try {
      String resource = planLocation.startsWith("/") ? planLocation.substring(1) : planLocation;
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
        if (in != null) {
          return PlanLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        }
      }
      Path file = Path.of(planLocation);
      if (!Files.isRegularFile(file)) {
        throw new ExtensionConfigurationException(
            "tracking plan '" + planLocation + "' is neither a class-path resource nor a file");
      }
      return PlanLoader.load(file);
    } catch (PlanException e) {
      throw new ExtensionConfigurationException(
          "tracking plan '" + planLocation + "' has " + e.problems().size() + " problem(s):\n" + e.getMessage(), e);
    } catch (IOException e) {
      throw new ExtensionConfigurationException("cannot read tracking plan '" + planLocation + "': " + e, e);
    }
  }

  @Override
  public String toString() {
    return "TrackApiExtension[" + (emulator != null ? emulator.url() : "not started") + "]";
  }
}
