package io.trackweave.demo;

import io.trackweave.plan.PlanException;
import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.TrackApiEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The demo's entry point: starts the embedded Track API emulator, runs the shop in its own JVM with
 * the agent attached, and prints what Customer.io would now hold and what the plan's journeys would send,
 * with the activity log's URL. Then it keeps the emulator up until Ctrl-C (SIGINT) or SIGTERM, which end it
 * cleanly with status 0.
 *
 * <p>One setting picks the API: {@code TRACKWEAVE_API_VERSION} (or {@code --api}) {@code v2} (the
 * default), {@code v1} or {@code pipelines}; the emulator speaks each of them. With {@code
 * CUSTOMERIO_SITE_ID} and {@code CUSTOMERIO_API_KEY} set (for pipelines, {@code
 * CUSTOMERIO_PIPELINES_API_KEY}), it sends to the real Customer.io instead (region from {@code
 * TRACKWEAVE_REGION}).
 */
public final class DemoLauncher {
  private static final int DEFAULT_PORT = 8099;
  /** How far the demo moves the emulator's clock to show what the journeys would send. */
  static final Duration FAST_FORWARD = Duration.ofDays(7);

  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    // Under `mvn -Pdemo` this runs inside Maven's JVM (exec:java): returning, rather than System.exit, lets the
    // build end normally after a clean stop. Failures still exit with their status.
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args) throws Exception {
    Path agent = Path.of("agent/target/trackweave-agent.jar");
    int port = DEFAULT_PORT;
    boolean stay = System.getenv("CI") == null;
    String classPath = System.getProperty("java.class.path");
    String api = System.getenv("TRACKWEAVE_API_VERSION");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent" -> agent = Path.of(value(args, ++i, "--agent"));
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "--class-path" -> classPath = value(args, ++i, "--class-path");
        case "--exit" -> stay = false;
        case "--api" -> api = value(args, ++i, "--api");
        default -> {
          return fail("unknown argument " + args[i]
              + " (use --agent JAR, --port N, --class-path PATH, --api v2|v1|pipelines, --exit)");
        }
      }
    }
    if (port < 0) {
      return 2;
    }
    if (!Files.isRegularFile(agent)) {
      return fail("no agent jar at " + agent.toAbsolutePath() + "; build it first: mvn -B -q -DskipTests package");
    }
    api = api == null || api.isBlank() ? "v2" : api.trim().toLowerCase(java.util.Locale.ROOT);
    if (!api.equals("v2") && !api.equals("v1") && !api.equals("pipelines")) {
      return fail("unknown API '" + api + "': use v2 (Track API batch, the default), v1 or pipelines (Data Pipelines API)");
    }
    boolean pipelines = api.equals("pipelines");
    String siteId = System.getenv("CUSTOMERIO_SITE_ID");
    String apiKey = System.getenv("CUSTOMERIO_API_KEY");
    String pipelinesKey = System.getenv("CUSTOMERIO_PIPELINES_API_KEY");
    if (pipelines ? !isBlank(pipelinesKey) : !isBlank(siteId) && !isBlank(apiKey)) {
      return runAgainstCustomerIo(agent, classPath, api);
    }

    ManualClock clock = ManualClock.ofSystemTime();
    try (StopSignal stop = StopSignal.install(); TrackApiEmulator emulator = startEmulator(port, clock)) {
      System.out.println("Customer.io emulator listening on " + emulator.endpoint() + " ("
          + (pipelines ? "Data Pipelines API" : "Track API " + api) + ")");
      ShopProcess shop = ShopProcess.withAgent(agent, classPath, emulatorEnvironment(emulator, api));
      System.out.println("Running the shop with -javaagent:" + agent + " ...");
      ShopProcess.Result result = shop.run(Files.createTempFile("trackweave-demo-shop", ".log"), 120);
      result.output().lines().forEach(line -> System.out.println("  shop | " + line));
      if (stop.requested()) {
        System.out.println("trackweave-demo: stopped");
        return 0;
      }
      if (!result.succeeded()) {
        return fail(result.timedOut() ? "the shop did not finish within 120 s" : "the shop exited with " + result.exitStatus());
      }
      System.out.println();
      System.out.print(ActivitySummary.render(emulator));
      if (!emulator.journeys().isEmpty()) {
        System.out.println();
        System.out.println("Journeys, as Customer.io would run them on what arrived:");
        System.out.print(ActivitySummary.journeys(emulator.journeys()));
        clock.advance(FAST_FORWARD);
        System.out.println();
        System.out.println("Fast-forwarding the emulator's clock " + FAST_FORWARD.toDays()
            + " days: who each journey would have messaged by then:");
        System.out.print(ActivitySummary.wouldMessage(emulator.journeys()));
      }
      System.out.println();
      System.out.println("Activity log: " + emulator.url()
          + (clock.advanced().isZero() ? "" : " (its clock runs " + FAST_FORWARD.toDays() + " days ahead)"));
      if (stay) {
        System.out.println("The emulator keeps running so you can look; press Ctrl-C to stop.");
        stop.await();
        System.out.println("trackweave-demo: stopped");
      }
      return 0;
    }
  }

  /** The shop's environment against {@code emulator} over {@code api} ({@code v2}, {@code v1} or {@code pipelines}). */
  static Map<String, String> emulatorEnvironment(TrackApiEmulator emulator, String api) {
    return Map.of(
        "CUSTOMERIO_SITE_ID", emulator.siteId(),
        "CUSTOMERIO_API_KEY", emulator.apiKey(),
        "CUSTOMERIO_PIPELINES_API_KEY", emulator.pipelinesApiKey(),
        "TRACKWEAVE_API_VERSION", api,
        "TRACKWEAVE_ENDPOINT", emulator.endpoint());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static int runAgainstCustomerIo(Path agent, String classPath, String api)
      throws IOException, InterruptedException {
    boolean pipelines = api.equals("pipelines");
    System.out.println((pipelines ? "CUSTOMERIO_PIPELINES_API_KEY is set: sending to the real Data Pipelines API."
        : "CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY are set: sending to the real Track API."));
    Map<String, String> env = new java.util.HashMap<>();
    for (String name : new String[] {"CUSTOMERIO_SITE_ID", "CUSTOMERIO_API_KEY", "CUSTOMERIO_PIPELINES_API_KEY",
        "TRACKWEAVE_REGION"}) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.put("TRACKWEAVE_API_VERSION", api);
    ShopProcess.Result result =
        ShopProcess.withAgent(agent, classPath, env).run(Files.createTempFile("trackweave-demo-shop", ".log"), 120);
    result.output().lines().forEach(line -> System.out.println("  shop | " + line));
    System.out.println("Look for the people cust-1001, cust-1002 and cust-1003 in your workspace's Activity Logs.");
    return result.succeeded() ? 0 : 1;
  }

  private static TrackApiEmulator startEmulator(int port, ManualClock clock) {
    TrackingPlan plan = shopPlan();
    try {
      return TrackApiEmulator.builder().port(port).plan(plan).clock(clock).start();
    } catch (UncheckedIOException e) {
      if (port != 0 && e.getCause() instanceof BindException) {
        System.out.println("Port " + port + " is busy; using a free port instead.");
        return TrackApiEmulator.builder().port(0).plan(plan).clock(clock).start();
      }
      throw e;
    }
  }

  /** The demo's own copy of the shop plan, packaged as a resource. */
  static TrackingPlan shopPlan() {
    try (InputStream in = DemoLauncher.class.getResourceAsStream("/tracking-plan.yaml")) {
      if (in == null) {
        throw new IllegalStateException("tracking-plan.yaml is missing from the demo jar");
      }
      return PlanLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo-app/tracking-plan.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PlanException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The port, or -1 (reported) when it is not one. */
  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail("--port takes a number from 0 to 65535 (0 picks a free port), not '" + text + "'");
    return -1;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      fail(option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private static int fail(String message) {
    System.err.println("trackweave-demo: " + message);
    return 2;
  }
}
