package io.trackweave.plan;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a tracking plan (tracking-plan.md) from YAML or JSON and lints it. A plan that breaks any plan-level
 * rule is rejected with a {@link PlanException} holding every problem found, each with the file, the dotted key
 * path, the line, and how to fix it; a plan that loads is lint-clean, so its users need not check again.
 */
public final class PlanLoader {
  private PlanLoader() {}

  /** Loads the plan at {@code path}; the extension says the format: {@code .yaml}, {@code .yml} or {@code .json}. */
  public static TrackingPlan load(Path path) throws PlanException {
    String source = path.toString();
    String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = file.endsWith(".json");
    if (!json && !file.endsWith(".yaml") && !file.endsWith(".yml")) {
      throw new PlanException(List.of(new PlanProblem(source, "", 0, PlanMessage.NOT_A_PLAN_FILE.text())));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new PlanException(List.of(new PlanProblem(source, "", 0,
          PlanMessage.NO_SUCH_FILE.text(Path.of("").toAbsolutePath()))));
    } catch (CharacterCodingException e) {
      throw new PlanException(List.of(new PlanProblem(source, "", 0, PlanMessage.NOT_UTF_8.text())));
    } catch (IOException e) {
      throw new PlanException(List.of(new PlanProblem(source, "", 0, PlanMessage.CANNOT_READ_FILE.text(e))));
    }
    return parse(text, source, json);
  }

  /**
   * Parses a plan from text. JSON (text whose first non-blank character is '{') is read as JSON for precise
   * syntax messages; anything else as YAML, which also reads JSON.
   *
   * @param sourceName the file or resource name to put in problems
   */
  public static TrackingPlan parse(String text, String sourceName) throws PlanException {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("\uFEFF")) {
      trimmed = trimmed.substring(1).stripLeading();
    }
    return parse(text, sourceName, trimmed.startsWith("{"));
  }

  private static TrackingPlan parse(String text, String sourceName, boolean json) throws PlanException {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<PlanProblem> problems = new ArrayList<>();
    LocatedTree tree = LocatedTree.read(body, sourceName, json, problems);
    if (!problems.isEmpty() && json && !sourceName.toLowerCase(Locale.ROOT).endsWith(".json")) {
      // Not strict JSON after all (a YAML flow mapping, comments): YAML may still read it.
      List<PlanProblem> yamlProblems = new ArrayList<>();
      LocatedTree yamlTree = LocatedTree.read(body, sourceName, false, yamlProblems);
      if (yamlProblems.isEmpty()) {
        problems = yamlProblems;
        tree = yamlTree;
      }
    }
    TrackingPlan plan = new PlanLinter(sourceName, tree, problems).lint(tree.root());
    if (!problems.isEmpty() || plan == null) {
      if (problems.isEmpty()) {
        problems.add(new PlanProblem(sourceName, "", 0, PlanMessage.PLAN_NOT_READ.text()));
      }
      problems.sort(java.util.Comparator.comparingInt(PlanProblem::line));
      throw new PlanException(problems);
    }
    return plan;
  }
}
