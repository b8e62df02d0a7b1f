package io.trackweave.testkit.model;

/**
 * A way a call broke the tracking plan. The call is still applied, as Customer.io would apply it, but the
 * violation stays attached to what it produced and is shown in the activity log.
 *
 * @param subject what was checked, e.g. {@code event order_completed} or {@code attributes}
 * @param path where in the payload, e.g. {@code /items/0/quantity} (empty for the whole payload)
 * @param message what is wrong
 */
public record PlanViolation(String subject, String path, String message) {
  @Override
  public String toString() {
    return subject + (path == null || path.isEmpty() ? "" : " " + path) + ": " + message;
  }
}
