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
 * <p>With {@code CUSTOMERIO_SITE_ID} and {@code CUSTOMERIO_API_KEY} set, it sends to the real Track
 * API instead (region from {@code TRACKWEAVE_REGION}).
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
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent" -> agent = Path.of(value(args, ++i, "--agent"));
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "--class-path" -> classPath = value(args, ++i, "--class-path");
        case "--exit" -> stay = false;
        default -> {
          return fail("unknown argument " + args[i] + " (use --agent JAR, --port N, --class-path PATH, --exit)");
        }
      }
    }
    if (port < 0) {
      return 2;
    }
    if (!Files.isRegularFile(agent)) {
      return fail("no agent jar at " + agent.toAbsolutePath() + "; build it first: mvn -B -q -DskipTests package");
    }
    String siteId = System.getenv("CUSTOMERIO_SITE_ID");
    String apiKey = System.getenv("CUSTOMERIO_API_KEY");
    if (siteId != null && !siteId.isBlank() && apiKey != null && !apiKey.isBlank()) {
      return runAgainstCustomerIo(agent, classPath, siteId, apiKey);
    }

    ManualClock clock = ManualClock.ofSystemTime();
    try (StopSignal stop = StopSignal.install(); TrackApiEmulator emulator = startEmulator(port, clock)) {
      System.out.println("Track API emulator listening on " + emulator.endpoint());
      ShopProcess shop =
          ShopProcess.withAgent(
              agent,
              classPath,
              Map.of(
                  "CUSTOMERIO_SITE_ID", emulator.siteId(),
                  "CUSTOMERIO_API_KEY", emulator.apiKey(),
                  "TRACKWEAVE_ENDPOINT", emulator.endpoint()));
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

  private static int runAgainstCustomerIo(Path agent, String classPath, String siteId, String apiKey)
      throws IOException, InterruptedException {
    System.out.println("CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY are set: sending to the real Track API.");
    Map<String, String> env = new java.util.HashMap<>();
    env.put("CUSTOMERIO_SITE_ID", siteId);
    env.put("CUSTOMERIO_API_KEY", apiKey);
    String region = System.getenv("TRACKWEAVE_REGION");
    if (region != null) {
      env.put("TRACKWEAVE_REGION", region);
    }
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
