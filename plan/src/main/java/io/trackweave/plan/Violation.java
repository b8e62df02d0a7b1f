package io.trackweave.plan;

/**
 * One way a live value breaks the plan.
 *
 * @param path where, relative to the event's properties (or the attributes): {@code items[1].quantity};
 *     empty for the value as a whole (e.g. an unknown event)
 * @param message what is wrong, e.g. {@code must be >= 1 (minimum), got 0}
 */
public record Violation(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
