package io.trackweave.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's settings table and {@link Setting} are one source: every setting has exactly one
 * row with its key, system property, environment variable, default and meaning as the code has them, and
 * the table has no row the code does not know. A setting added, renamed or re-defaulted in one place and
 * not the other fails here.
 */
class SettingDocsTest {
  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final String HEADER = "| key (agent argument, overrides) |";

  @Test
  void theConfigurationPagesTableIsTheSettingsInCode() throws IOException {
    Map<String, List<String>> rows = table();
    List<String> problems = new ArrayList<>();
    for (Setting s : Setting.values()) {
      List<String> row = rows.remove(s.key());
      if (row == null) {
        problems.add("no row for `" + s.key() + "`: add | `" + s.key() + "` | `" + s.propertyName() + "` | `"
            + s.envName() + "` | " + shown(s.defaultText()) + " | " + s.description() + " |");
        continue;
      }
      expect(problems, s, "system property", row.get(1), "`" + s.propertyName() + "`");
      expect(problems, s, "environment variable", row.get(2), "`" + s.envName() + "`");
      expect(problems, s, "default", row.get(3), shown(s.defaultText()));
      expect(problems, s, "meaning", row.get(4), s.description());
    }
    for (String unknown : rows.keySet()) {
      problems.add("row `" + unknown + "` names no setting in io.trackweave.runtime.internal.config.Setting");
    }
    assertThat(problems).as("docs/configuration.md against Setting").isEmpty();
  }

  private static String shown(String defaultText) {
    return defaultText.startsWith("(") ? defaultText : "`" + defaultText + "`";
  }

  private static void expect(List<String> problems, Setting s, String what, String actual, String expected) {
    if (!actual.equals(expected)) {
      problems.add("`" + s.key() + "` " + what + ": the page says [" + actual + "], the code [" + expected + "]");
    }
  }

  /** The settings table's rows by key, each as its five cells. */
  private static Map<String, List<String>> table() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(HEADER)) {
        start = i + 2; // past the header and the |---| line
        break;
      }
    }
    assertThat(start).as("the settings table's header in " + DOC).isPositive();
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i).strip();
      String[] cells = line.substring(1, line.length() - 1).split(" \\| ", 5);
      List<String> row = new ArrayList<>();
      for (String c : cells) {
        row.add(c.strip());
      }
      assertThat(row).as("five cells in " + line).hasSize(5);
      String key = row.get(0).replace("`", "");
      assertThat(rows.put(key, row)).as("one row for " + key).isNull();
    }
    return rows;
  }
}
