package io.trackweave.agent.internal.bootstrap;

import io.trackweave.runtime.internal.send.TransportFactory;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * The agent's extensions ({@code agent.extensions}): jars, separated by the platform's path separator,
 * that premain appends to the system class loader's search path, so the runtime inside the agent finds
 * their transports with {@code ServiceLoader}. This is how {@code trackweave-kafka-agent.jar} reaches an
 * application started with {@code java -jar}, which ignores {@code -cp}.
 *
 * <p>Each entry is checked before it is added: it must be a readable jar that provides a transport to the
 * agent's runtime (a {@code META-INF/services} entry for the relocated {@link TransportFactory}; the plain
 * {@code trackweave-kafka.jar}, made for a runtime used as a library, has the unrelocated one). An entry that
 * fails is named in one warning and left out, so the runtime behaves exactly as without it (a transport it
 * would have provided is missing, and the runtime says so when it starts). Nothing here throws.
 *
 * <p>Runs in premain: no lambda, no indy string concatenation (the module compiles with
 * {@code -XDstringConcat=inline}); only the central directory of each jar is read.
 */
public final class AgentExtensions {
  static final String SETTING = "agent.extensions";

  private AgentExtensions() {}

  /**
   * Appends every usable jar named in {@code value} to the system class loader's search path.
   *
   * @return one warning per entry left out, for the caller to log
   */
  public static List<String> append(String value, Instrumentation instrumentation) {
    List<String> problems = new ArrayList<>();
    add(value, instrumentation, problems);
    return problems;
  }

  /** The entries of {@code value} that are readable jars providing a transport, absolute, each once. */
  static List<Path> usable(String value, List<String> problems) {
    return add(value, null, problems);
  }

  private static final String LEFT_OUT =
      "; it is left out, and the runtime runs as it would without it";

  /** Checks each entry and appends the usable ones ({@code instrumentation} null: only checks them). */
  private static List<Path> add(String value, Instrumentation instrumentation, List<String> problems) {
    List<Path> added = new ArrayList<>();
    if (value == null) {
      return added;
    }
    Set<Path> seen = new LinkedHashSet<>();
    String[] entries = value.split(File.pathSeparator);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        continue;
      }
      Path jar;
      try {
        jar = Path.of(entry).toAbsolutePath().normalize();
      } catch (InvalidPathException e) {
        problems.add(prefix(entry) + "is not a valid path (" + e.getReason() + ")" + LEFT_OUT);
        continue;
      }
      if (!seen.add(jar)) {
        continue;
      }
      String problem = fileProblem(jar);
      if (problem == null) {
        // opened once, for the check and the append (the JVM keeps the path, not this JarFile)
        try (JarFile file = new JarFile(jar.toFile(), false)) {
          problem = contentProblem(file);
          if (problem == null && instrumentation != null) {
            instrumentation.appendToSystemClassLoaderSearch(file);
          }
        } catch (IOException | RuntimeException e) {
          problem = "is not a jar (" + e.getMessage() + ")";
        }
      }
      if (problem != null) {
        problems.add(prefix(shown(entry, jar)) + problem + LEFT_OUT);
      } else {
        added.add(jar);
      }
    }
    return added;
  }

  /** Why the file {@code jar} cannot be opened as one, or null. */
  private static String fileProblem(Path jar) {
    if (!Files.exists(jar)) {
      return "does not exist";
    }
    if (Files.isDirectory(jar)) {
      return "is a directory, not a jar";
    }
    if (!Files.isRegularFile(jar)) {
      return "is not a regular file";
    }
    if (!Files.isReadable(jar)) {
      return "is not readable by this process";
    }
    return null;
  }

  /** Why the jar provides nothing to the agent's runtime, or null. */
  private static String contentProblem(JarFile file) {
    String services = "META-INF/services/" + TransportFactory.class.getName();
    if (file.getEntry(services) == null) {
      return "provides no transport to the agent's runtime (it has no " + services
          + "): for transport=kafka use trackweave-kafka-agent.jar, not trackweave-kafka.jar";
    }
    return null;
  }

  private static String prefix(String path) {
    return "Trackweave setting " + SETTING + ": " + path + " ";
  }

  /** The path as given, and where it resolved when that differs (a relative path). */
  private static String shown(String entry, Path resolved) {
    String absolute = resolved.toString();
    return absolute.equals(entry) ? entry : entry + " (" + absolute + ")";
  }
}
