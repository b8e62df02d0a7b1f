package io.trackweave.bench.agent;

import io.trackweave.bench.compile.Javac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the agent jars the agent benchmarks attach: Trackweave's ({@code
 * benchmarks/jmh/target/agents/trackweave-agent.jar}, else {@code agent/target/trackweave-agent.jar}, or
 * {@code -Dtrackweave.bench.agent.jar=...}) and OpenTelemetry's (fetched by {@code mvn -Pstartup-peers
 * package} into {@code benchmarks/jmh/target/agents/}, or {@code -Dtrackweave.bench.otel.jar=...}).
 * Searched from the working directory and from this jar's location upwards.
 */
public final class AgentJars {
  private AgentJars() {}

  public static Path trackweave() {
    // benchmarks/run.sh snapshots agent/target/trackweave-agent.jar here, so a concurrent agent build
    // cannot swap the jar in the middle of a run
    try {
      return find("trackweave.bench.agent.jar", "benchmarks/jmh/target/agents", "trackweave-agent", "");
    } catch (IllegalStateException notSnapshotted) {
      return find("trackweave.bench.agent.jar", "agent/target", "trackweave-agent",
          "build it with: mvn -B -q -pl agent package -DskipTests (expects agent/target/trackweave-agent.jar)");
    }
  }

  public static Path openTelemetry() {
    return find("trackweave.bench.otel.jar", "benchmarks/jmh/target/agents", "opentelemetry-javaagent",
        "fetch it with: mvn -B -q -f benchmarks/pom.xml -Pstartup-peers package");
  }

  private static Path find(String property, String relativeDir, String prefix, String hint) {
    String given = System.getProperty(property);
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
      throw new IllegalStateException("-D" + property + "=" + given + " is not a file");
    }
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    starts.add(Javac.selfLocation().toAbsolutePath());
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Optional<Path> jar = jarIn(dir.resolve(relativeDir), prefix);
        if (jar.isPresent()) {
          return jar.get();
        }
      }
    }
    throw new IllegalStateException("no " + prefix + " jar found under " + relativeDir + " (or -D" + property + "); " + hint);
  }

  private static Optional<Path> jarIn(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Path exact = dir.resolve(prefix + ".jar");
    if (Files.isRegularFile(exact)) {
      return Optional.of(exact);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".jar") && !n.contains("sources") && !n.contains("original")
                && !n.contains("javadoc") && !n.contains("tests");
          })
          .sorted()
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
