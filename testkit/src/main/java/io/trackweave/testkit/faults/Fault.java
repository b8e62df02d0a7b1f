package io.trackweave.testkit.faults;

import java.time.Duration;

/**
 * What the emulator does to one Track API call instead of answering it.
 *
 * <p>Either an error status (with an optional {@code Retry-After}), or a connection reset: the socket is
 * closed without any response.
 */
public sealed interface Fault {

  /** Answer with {@code status} (e.g. 429, 500, 503) and, when not null, {@code Retry-After} seconds. */
  record Status(int status, Duration retryAfter) implements Fault {
    public Status {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a fault status is 4xx or 5xx: " + status);
      }
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("negative Retry-After: " + retryAfter);
      }
    }

    @Override
    public String toString() {
      return "status " + status + (retryAfter != null ? " Retry-After " + retryAfter.toSeconds() : "");
    }
  }

  /** Close the connection without a response. */
  record Reset() implements Fault {
    @Override
    public String toString() {
      return "connection reset";
    }
  }
}
