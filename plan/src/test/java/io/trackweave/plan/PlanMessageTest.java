package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the plan's problem texts: a corpus of broken plans (lint-corpus/) reads as recorded in lint-corpus.expected,
 * key, line and message, byte for byte; and every message of the catalogue is one the corpus (or a file the loader
 * refuses) actually produces, so a new message comes with a plan that shows it.
 */
class PlanMessageTest {
  /** Messages the corpus does not show, and why. */
  private static final Set<PlanMessage> NOT_IN_CORPUS = EnumSet.of(
      PlanMessage.SYNTAX, // carries the parser's own words, which change with Jackson; PlanLoaderTest checks it
      PlanMessage.CANNOT_READ_PLAN, // an I/O error reading a String: no input produces it
      PlanMessage.PLAN_NOT_READ); // the linter always says why it gave up

  @Test
  void theCorpusReadsAsRecorded() throws Exception {
    String expected = Files.readString(resource("lint-corpus.expected"), StandardCharsets.UTF_8);
    assertThat(lint(corpus())).isEqualTo(expected);
  }

  @Test
  void everyMessageOfTheCatalogueIsShownByTheCorpus(@TempDir Path dir) throws Exception {
    List<String> messages = new ArrayList<>();
    for (String line : lint(corpus()).split("\n")) {
      String[] parts = line.split(" \\| ", 3);
      if (parts.length == 3) {
        messages.add(parts[2]);
      }
    }
    Files.writeString(dir.resolve("plan.txt"), "plan: x\n");
    Files.write(dir.resolve("latin.yaml"), new byte[] {'p', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    Files.createDirectory(dir.resolve("dir.yaml"));
    for (String file : List.of("plan.txt", "none.yaml", "latin.yaml", "dir.yaml")) {
      try {
        PlanLoader.load(dir.resolve(file));
      } catch (PlanException e) {
        e.problems().forEach(p -> messages.add(p.message()));
      }
    }

    List<PlanMessage> unseen = new ArrayList<>();
    for (PlanMessage m : PlanMessage.values()) {
      Pattern shape = Pattern.compile(Stream.of(template(m).split("%s", -1)).map(Pattern::quote)
          .collect(Collectors.joining(".*", "", "")), Pattern.DOTALL);
      if (!NOT_IN_CORPUS.contains(m) && messages.stream().noneMatch(t -> shape.matcher(t).matches())) {
        unseen.add(m);
      }
    }
    assertThat(unseen).as("messages no plan of lint-corpus/ shows").isEmpty();
  }

  /** The message's template, read back by filling every {@code %s} with a marker. */
  private static String template(PlanMessage m) {
    Object[] marks = new Object[12];
    Arrays.fill(marks, "\u0000");
    return m.text(marks).replace("\u0000", "%s");
  }

  private static List<Path> corpus() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(resource("lint-corpus"))) {
      return files.sorted().toList();
    }
  }

  /** Each file's problems as "key | line | message", or what a clean plan holds. */
  private static String lint(List<Path> files) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path p : files) {
      out.append("=== ").append(p.getFileName()).append('\n');
      try {
        TrackingPlan plan = PlanLoader.parse(Files.readString(p), p.getFileName().toString());
        out.append("OK ").append(plan.events().keySet()).append(' ').append(plan.journeys()).append(' ')
            .append(plan.segments()).append('\n');
      } catch (PlanException e) {
        for (PlanProblem problem : e.problems()) {
          out.append(problem.key()).append(" | ").append(problem.line()).append(" | ").append(problem.message())
              .append('\n');
        }
      }
    }
    return out.toString();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PlanMessageTest.class.getResource(name).toURI());
  }
}
