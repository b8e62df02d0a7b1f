package io.trackweave.runtime;

/**
 * A hook on the fate of calls, for alerting or tests. Methods run on the runtime's threads; rejections
 * and drops decided at capture run on the calling thread, so an implementation must be quick and must
 * not block. Anything it throws is ignored.
 */
public interface DeliveryListener {
  /** {@code operations} were accepted by Customer.io. */
  default void delivered(int operations) {}

  /**
   * One operation was refused and will never be sent again.
   *
   * @param action the Track API action ({@code event}, {@code identify}, ...)
   * @param name the event name, or null
   * @param reason a short machine-readable reason ({@code event_name_too_long}, {@code unauthorized},
   *     or Customer.io's own reason from a 207 answer)
   * @param message a human explanation; never contains credentials
   */
  default void rejected(String action, String name, String reason, String message) {}

  /** {@code operations} were given up for {@code reason} (e.g. {@code queue_full}, {@code duplicate}). */
  default void dropped(String reason, int operations) {}

  /** A request is about to be retried; {@code cause} is the status code or exception. */
  default void retried(int operations, String cause) {}
}
