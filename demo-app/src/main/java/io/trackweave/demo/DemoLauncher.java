package io.trackweave.demo;

import io.trackweave.plan.PlanException;
import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.TrackApiEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's entry point: starts the embedded Track API emulator, runs the shop in its own JVM with
 * the agent attached, and prints what Customer.io would now hold, with the activity log's URL.
 *
 * <p>With {@code CUSTOMERIO_SITE_ID} and {@code CUSTOMERIO_API_KEY} set, it sends to the real Track
 * API instead (region from {@code TRACKWEAVE_REGION}).
 */
public final class DemoLauncher {
  private static final int DEFAULT_PORT = 8099;

  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    Path agent = Path.of("agent/target/trackweave-agent.jar");
    int port = DEFAULT_PORT;
    boolean stay = System.getenv("CI") == null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent" -> agent = Path.of(value(args, ++i, "--agent"));
        case "--port" -> port = port(value(args, ++i, "--port"));
        case "--exit" -> stay = false;
        default -> fail("unknown argument " + args[i] + " (use --agent JAR, --port N, --exit)");
      }
    }
    if (!Files.isRegularFile(agent)) {
      fail("no agent jar at " + agent.toAbsolutePath() + "; build it first: mvn -B -q -DskipTests package");
    }
    String classPath = System.getProperty("java.class.path");
    String siteId = System.getenv("CUSTOMERIO_SITE_ID");
    String apiKey = System.getenv("CUSTOMERIO_API_KEY");
    if (siteId != null && !siteId.isBlank() && apiKey != null && !apiKey.isBlank()) {
      System.exit(runAgainstCustomerIo(agent, classPath, siteId, apiKey));
    }

    try (TrackApiEmulator emulator = startEmulator(port)) {
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
      if (!result.succeeded()) {
        fail(result.timedOut() ? "the shop did not finish within 120 s" : "the shop exited with " + result.exitStatus());
      }
      System.out.println();
      System.out.print(ActivitySummary.render(emulator));
      System.out.println();
      System.out.println("Activity log: " + emulator.url());
      if (stay) {
        System.out.println("The emulator keeps running so you can look; press Ctrl-C to stop.");
        Thread.currentThread().join();
      }
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

  private static TrackApiEmulator startEmulator(int port) {
    TrackingPlan plan = shopPlan();
    try {
      return TrackApiEmulator.builder().port(port).plan(plan).start();
    } catch (UncheckedIOException e) {
      if (port != 0 && e.getCause() instanceof BindException) {
        System.out.println("Port " + port + " is busy; using a free port instead.");
        return TrackApiEmulator.builder().port(0).plan(plan).start();
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
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("trackweave-demo: " + message);
    System.exit(2);
  }
}
