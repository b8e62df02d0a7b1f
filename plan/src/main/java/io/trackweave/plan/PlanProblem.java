package io.trackweave.plan;

/**
 * One error in a plan file itself.
 *
 * @param source the file or resource
 * @param key the dotted path of the offending key, e.g. {@code events.order_completed.dedupe}
 * @param line the 1-based line in the file, or 0 when unknown
 * @param message what is wrong and how to fix it
 */
public record PlanProblem(String source, String key, int line, String message) {
  @Override
  public String toString() {
    return source + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
  }
}
