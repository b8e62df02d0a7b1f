package io.trackweave.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the shop's scenarios in their own JVM, the way a real service runs: either with the agent
 * attached ({@code -javaagent}) or from classes woven at build time (no agent).
 *
 * @param agentJar the agent to attach, or null for build-time woven classes
 * @param classPath the shop's class path
 * @param mainClass the scenarios' main class
 * @param environment variables to set for the shop (credentials and endpoint)
 */
public record ShopProcess(
    Path agentJar, String classPath, String mainClass, Map<String, String> environment) {

  public static final String AGENT_MAIN = "io.trackweave.demo.shop.ShopScenarios";
  public static final String WOVEN_MAIN = "io.trackweave.demo.WovenShopMain";

  /** The shop with the agent attached. */
  public static ShopProcess withAgent(Path agentJar, String classPath, Map<String, String> environment) {
    return new ShopProcess(agentJar, classPath, AGENT_MAIN, environment);
  }

  /** The shop from build-time woven classes: no agent; it installs the runtime itself. */
  public static ShopProcess woven(String wovenClassPath, Map<String, String> environment) {
    return new ShopProcess(null, wovenClassPath, WOVEN_MAIN, environment);
  }

  /** The command line, for running and for showing. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    // the JDK running this JVM: the shop runs on the same one
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (agentJar != null) {
      command.add("-javaagent:" + agentJar);
    }
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    return command;
  }

  /**
   * Runs the shop to completion, its output going to {@code log}, and returns its exit status. The
   * shop's runtime flushes in its shutdown hook, so when this returns everything it tracked has been
   * delivered or reported.
   */
  public Result run(Path log, long timeoutSeconds) throws IOException, InterruptedException {
    if (agentJar != null && !Files.isRegularFile(agentJar)) {
      throw new IOException("no agent jar at " + agentJar + ": build it first (mvn -DskipTests package)");
    }
    ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("CUSTOMERIO_") || name.startsWith("TRACKWEAVE_"));
    builder.environment().putAll(environment);
    // against an emulator, each run gets a spool of its own: the emulator starts empty every time, and a
    // spool left by an earlier (interrupted) run would replay old calls into it
    Path spool = null;
    if (environment.containsKey("TRACKWEAVE_ENDPOINT") && !environment.containsKey("TRACKWEAVE_SPOOL_DIR")) {
      spool = Files.createTempDirectory("trackweave-demo-spool");
      builder.environment().put("TRACKWEAVE_SPOOL_DIR", spool.resolve("spool").toString());
    }
    try {
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, Files.readString(log), true);
      }
      return new Result(process.exitValue(), Files.readString(log), false);
    } finally {
      if (spool != null) {
        deleteTree(spool);
      }
    }
  }

  private static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder: the system cleans it up eventually
    }
  }

  /** How the shop's JVM ended, and what it printed. */
  public record Result(int exitStatus, String output, boolean timedOut) {
    public boolean succeeded() {
      return exitStatus == 0 && !timedOut;
    }
  }

  /**
   * This JVM's class path with the shop's own classes replaced by {@code shopClasses} (e.g. the
   * build-time woven jar): entries matching {@code isShopClasses} are left out.
   */
  public static String currentClassPathWith(Path shopClasses, Predicate<Path> isShopClasses) {
    List<String> entries = new ArrayList<>();
    entries.add(shopClasses.toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!isShopClasses.test(Path.of(entry).toAbsolutePath().normalize())) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
