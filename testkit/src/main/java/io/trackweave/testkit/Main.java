package io.trackweave.testkit;

import io.trackweave.plan.PlanException;
import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.PlanProblem;
import io.trackweave.plan.TrackingPlan;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator:
 * {@code java -jar trackweave-testkit.jar [--port 8099] [--plan tracking-plan.yaml] [--site-id X --api-key Y]}.
 *
 * <p>Exit status 2 for bad arguments or a plan with errors (every problem is printed), 1 when the port
 * cannot be bound.
 */
public final class Main {
  static final int DEFAULT_PORT = 8099;

  private static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar trackweave-testkit.jar [options]",
          "",
          "Runs a local Customer.io Track API with an activity log page.",
          "",
          "options:",
          "  --port N          port to listen on (default " + DEFAULT_PORT + "; 0 picks a free one)",
          "  --plan FILE       tracking plan (YAML or JSON) to check every call against",
          "  --site-id ID      site id clients must send (default " + TrackApiEmulator.DEFAULT_SITE_ID + ")",
          "  --api-key KEY     API key clients must send (default " + TrackApiEmulator.DEFAULT_API_KEY + ")",
          "  --host ADDRESS    address to bind (default 127.0.0.1; anything else exposes it to the network)",
          "  --max-events N    events to keep before evicting the oldest (default 100000)",
          "  --help            show this help");

  private Main() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      System.err.println("trackweave-testkit: " + e.getMessage());
      System.err.println();
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(USAGE);
      return;
    }
    int status = run(options, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Starts the emulator and blocks until the JVM stops; returns an exit status only on failure. */
  static int run(Options options, PrintStream out, PrintStream err) {
    TrackingPlan plan = null;
    if (options.plan != null) {
      try {
        plan = loadPlan(options.plan);
      } catch (PlanException e) {
        err.println("trackweave-testkit: the tracking plan " + options.plan + " has "
            + e.problems().size() + " problem(s):");
        for (PlanProblem problem : e.problems()) {
          err.println("  " + problem);
        }
        return 2;
      }
    }
    TrackApiEmulator emulator;
    try {
      emulator =
          TrackApiEmulator.builder()
              .host(options.host)
              .port(options.port)
              .credentials(options.siteId, options.apiKey)
              .maxEvents(options.maxEvents)
              .plan(plan)
              .start();
    } catch (UncheckedIOException e) {
      err.println("trackweave-testkit: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(emulator::close, "trackweave-emulator-shutdown"));
    out.println("Trackweave Track API emulator listening on " + emulator.endpoint());
    out.println("  activity log: " + emulator.url());
    out.println("  credentials:  site id " + emulator.siteId()
        + (options.apiKeyGiven ? ", API key as given" : ", API key " + emulator.apiKey()));
    out.println("  Pipelines:    POST /v1/batch (api.version=pipelines), API key " + emulator.pipelinesApiKey());
    out.println("  plan:         " + (plan == null ? "none (calls are not checked)"
        : plan.name() + " v" + plan.version() + " from " + options.plan));
    out.println("  point a client at it: TRACKWEAVE_ENDPOINT=" + emulator.endpoint());
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static TrackingPlan loadPlan(Path file) throws PlanException {
    if (!Files.isRegularFile(file)) {
      throw new PlanException(
          java.util.List.of(new PlanProblem(file.toString(), "", 0, "no such file")));
    }
    return PlanLoader.load(file);
  }

  static Options parse(String[] args) throws UsageException {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help", "-h" -> o.help = true;
        case "--port" -> {
          String v = value != null ? value : next(args, ++i, arg);
          o.port = integer(v, arg, 0, 65535);
        }
        case "--plan" -> o.plan = Path.of(value != null ? value : next(args, ++i, arg));
        case "--site-id" -> o.siteId = nonEmpty(value != null ? value : next(args, ++i, arg), arg);
        case "--api-key" -> {
          o.apiKey = nonEmpty(value != null ? value : next(args, ++i, arg), arg);
          o.apiKeyGiven = true;
        }
        case "--host" -> {
          String v = value != null ? value : next(args, ++i, arg);
          try {
            o.host = InetAddress.getByName(v);
          } catch (UnknownHostException e) {
            throw new UsageException("--host: unknown address '" + v + "'");
          }
        }
        case "--max-events" -> {
          String v = value != null ? value : next(args, ++i, arg);
          o.maxEvents = integer(v, arg, 1, Integer.MAX_VALUE);
        }
        default -> throw new UsageException("unknown argument '" + args[i] + "'");
      }
    }
    return o;
  }

  private static String next(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static String nonEmpty(String value, String option) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(option + " must not be empty");
    }
    return value;
  }

  private static int integer(String value, String option, int min, int max) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw new UsageException(option + " must be between " + min + " and " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a number, not '" + value + "'");
    }
  }

  /** What the command line asked for. */
  static final class Options {
    boolean help;
    int port = DEFAULT_PORT;
    Path plan;
    String siteId = TrackApiEmulator.DEFAULT_SITE_ID;
    String apiKey = TrackApiEmulator.DEFAULT_API_KEY;
    boolean apiKeyGiven;
    InetAddress host = InetAddress.getLoopbackAddress();
    int maxEvents = 100_000;
  }

  /** A command line that cannot be understood. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
