package io.trackweave.testkit.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives Debian's headless Chromium from tests, with no downloads: dumps the DOM after the page's scripts ran,
 * or takes a screenshot. Missing Chromium is a failure with the install command, never a silent skip.
 */
public final class Chromium {
  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** Finds Chromium ({@code -Dtrackweave.chromium=...}, else {@code chromium} on the PATH) or fails. */
  public static Chromium require() {
    String configured = System.getProperty("trackweave.chromium");
    List<Path> candidates = new ArrayList<>();
    if (configured != null) {
      candidates.add(Path.of(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, "chromium"));
    }
    candidates.add(Path.of("/usr/bin/chromium"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return new Chromium(candidate);
      }
    }
    throw new AssertionError(
        "Headless Chromium is needed for the activity page test but was not found (looked for 'chromium' on the PATH"
            + " and /usr/bin/chromium). Install it with: apt-get update && apt-get install -y chromium"
            + " (or point -Dtrackweave.chromium=/path/to/chromium at one).");
  }

  /** The DOM as serialised after the page's scripts ran for {@code budgetMillis} of virtual time. */
  public String dumpDom(String url, int budgetMillis, Path workDir) throws IOException, InterruptedException {
    List<String> command = base(workDir, budgetMillis);
    command.add("--dump-dom");
    command.add(url);
    return run(command, workDir, "dom");
  }

  /** Saves a PNG of the page after its scripts ran. */
  public void screenshot(String url, Path png, int width, int height, int budgetMillis, Path workDir)
      throws IOException, InterruptedException {
    List<String> command = base(workDir, budgetMillis);
    command.add("--hide-scrollbars");
    command.add("--window-size=" + width + "," + height);
    command.add("--screenshot=" + png.toAbsolutePath());
    command.add(url);
    run(command, workDir, "screenshot");
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new AssertionError("Chromium wrote no screenshot to " + png);
    }
  }

  private List<String> base(Path workDir, int budgetMillis) throws IOException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--headless");
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--disable-dev-shm-usage");
    command.add("--disable-quic");
    command.add("--no-first-run");
    command.add("--disable-background-networking");
    command.add("--disable-component-update");
    command.add("--disable-sync");
    command.add("--disable-extensions");
    command.add("--user-data-dir=" + profile.toAbsolutePath());
    command.add("--virtual-time-budget=" + budgetMillis);
    return command;
  }

  private static String run(List<String> command, Path workDir, String what) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, what, ".out");
    Path err = Files.createTempFile(workDir, what, ".err");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("Chromium did not finish within 90 s: " + command);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError("Chromium exited with " + process.exitValue() + ": "
          + Files.readString(err, StandardCharsets.UTF_8));
    }
    return stdout;
  }
}
