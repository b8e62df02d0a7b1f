package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the linters report: turns a dotted key and a {@link PlanMessage} into a {@link PlanProblem} with the key's
 * line in the file, and holds the two checks every section makes (a mapping where one belongs, snake_case names).
 */
final class PlanProblems {
  private final String source;
  private final LocatedTree tree;
  private final List<PlanProblem> problems;

  PlanProblems(String source, LocatedTree tree, List<PlanProblem> problems) {
    this.source = source;
    this.tree = tree;
    this.problems = problems;
  }

  /** Reports {@code message}, filled in with {@code args}, at the key {@code path}. */
  void report(String path, PlanMessage message, Object... args) {
    problems.add(new PlanProblem(source, path, tree.line(path), message.text(args)));
  }

  /**
   * The entries of a mapping-valued key; absent or null means empty, anything else is reported with
   * {@code notMapping} (which takes the key and what it holds) and reads as empty.
   */
  List<Map.Entry<String, JsonNode>> entries(JsonNode node, String path, PlanMessage notMapping) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      report(path, notMapping, path, PlanMessage.describe(node));
      return List.of();
    }
    return new ArrayList<>(node.properties());
  }

  /**
   * Reports a name that is not lowercase snake_case, offering its snake_case spelling; when there is none,
   * {@code withRule} adds the rule itself.
   */
  void snakeCase(String path, String name, String what, boolean withRule) {
    if (!Names.isSnakeCase(name)) {
      String fixed = Names.toSnakeCase(name);
      String fix = Names.isSnakeCase(fixed) ? PlanMessage.Part.RENAME_TO.text(fixed)
          : withRule ? PlanMessage.Part.SNAKE_CASE_RULE.text() : "";
      report(path, PlanMessage.NOT_SNAKE_CASE, what, name, fix);
    }
  }
}
