package io.trackweave.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API of every published module, pinned in {@code architecture/api/<artifact>.api}. A change to a
 * public signature that is not in the same commit's .api file fails the build; rewriting the files is one command:
 * {@code mvn -B verify -pl architecture -am -Dtrackweave.api.update=true}. Review the diff as the API change it is.
 */
class PublicApiTest {
  static final String UPDATE_COMMAND = "mvn -B verify -pl architecture -am -Dtrackweave.api.update=true";

  static Stream<TrackweaveModule> publishedModules() {
    return Arrays.stream(TrackweaveModule.values()).filter(TrackweaveModule::published);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedModules")
  void publicApiMatchesTheCheckedInFile(TrackweaveModule module) throws IOException {
    Path file = apiDirectory().resolve(module.artifact + ".api");
    String actual = ApiDump.render(module);
    if (Boolean.getBoolean("trackweave.api.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail(file + " is missing: the public API of " + module.artifact + " is not pinned. Create it with: "
          + UPDATE_COMMAND);
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail("The public API of " + module.artifact + " changed, but " + file.getFileName() + " was not updated.\n"
          + "If the change is intended, rewrite the API files with:\n    " + UPDATE_COMMAND + "\n"
          + "and commit them with the change (review their diff: it is what users of the library see).\n"
          + "Differences (- pinned, + compiled):\n" + difference(expected, actual));
    }
  }

  @Test
  void noStaleApiFiles() throws IOException {
    List<String> expected = publishedModules().map(m -> m.artifact + ".api").sorted().toList();
    if (Boolean.getBoolean("trackweave.api.update")) {
      // a module that stopped being published loses its file in the same rewrite
      try (Stream<Path> files = Files.list(apiDirectory())) {
        for (Path stale : files.filter(p -> p.toString().endsWith(".api")
            && !expected.contains(p.getFileName().toString())).toList()) {
          Files.delete(stale);
        }
      }
      return;
    }
    try (Stream<Path> files = Files.list(apiDirectory())) {
      List<String> present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".api")).sorted()
          .toList();
      assertThat(present).as("api/*.api files (one per published module; delete the others)")
          .isEqualTo(expected);
    }
  }

  @Test
  void theDumpSeesGenericSignaturesAndModifiers() {
    // the renderer itself: a blind dump would pin nothing
    String api = ApiDump.render(TrackweaveModule.ANNOTATIONS);
    assertThat(api)
        .contains("public final class io.trackweave.api.Fields {")
        .contains("public record io.trackweave.api.ObjectRef(java.lang.String typeId, java.lang.String id)")
        .contains("public enum io.trackweave.api.IdentifierType")
        .contains("public static method copyOf(java.lang.Iterable<?>): io.trackweave.api.FieldArray")
        .doesNotContain("io.trackweave.api.internal");
  }

  /**
   * No public signature exposes an internal type: a user who called it would be tied to what "may change in any
   * release". (The leaks that existed when this rule came, in the runtime, testkit, starter and Kafka modules, are
   * closed; an SPI that another Trackweave module implements lives in an internal package with its implementation.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("publishedModules")
  void publicApiExposesNoInternalType(TrackweaveModule module) {
    List<String> leaking = ApiDump.render(module).lines()
        .filter(line -> !line.startsWith("#") && line.matches(".*\\binternal\\..*"))
        .toList();
    assertThat(leaking)
        .as("public signatures of " + module.artifact + " that expose an internal type (make the type public API, "
            + "or the member internal)")
        .isEmpty();
  }

  private static Path apiDirectory() {
    return Path.of(System.getProperty("trackweave.api.dir", "api"));
  }

  /**
   * A line diff (longest common subsequence), each change shown under the type it belongs to: the same member line
   * appears in many types, so a set difference would hide moves.
   */
  static String difference(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
            : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    String type = null;
    String shownType = null;
    int shown = 0;
    int i = 0;
    int j = 0;
    while ((i < a.size() || j < b.size()) && shown < 60) {
      String line;
      char mark;
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        line = a.get(i);
        mark = ' ';
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
        line = b.get(j++);
        mark = '+';
      } else {
        line = a.get(i++);
        mark = '-';
      }
      if (line.endsWith("{")) {
        type = line;
      }
      if (mark != ' ') {
        if (type != null && !type.equals(shownType) && !line.equals(type)) {
          out.append("    ").append(type).append('\n');
          shownType = type;
        }
        out.append("  ").append(mark).append(' ').append(line).append('\n');
        shown++;
      }
    }
    return out.toString();
  }
}
