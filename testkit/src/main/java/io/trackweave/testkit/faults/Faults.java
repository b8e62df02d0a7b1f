package io.trackweave.testkit.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Fault injection for tests: makes the next Track API calls fail, slow, or lose their connection, so a
 * client's retry, backoff and Retry-After handling can be exercised against a real server.
 *
 * <p>Faults queue up in the order they are added: {@code failNext(2, 503)} then {@code resetNext(1)} fails
 * the next two calls with 503 and resets the third. Only Track API calls ({@code /api/...}) are affected,
 * never the activity log. Thread-safe.
 */
public final class Faults {
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private Duration latency = Duration.ZERO;
  private long injected;

  /** Answers the next {@code times} calls with {@code status} and do not apply them. */
  public Faults failNext(int times, int status) {
    return enqueue(times, new Fault.Status(status, null));
  }

  /** As {@link #failNext(int, int)}, with a {@code Retry-After} header of whole seconds. */
  public Faults failNext(int times, int status, Duration retryAfter) {
    return enqueue(times, new Fault.Status(status, Objects.requireNonNull(retryAfter, "retryAfter")));
  }

  /**
   * As {@link #failNext(int, int)}, for calls whose path starts with {@code pathPrefix} only (for example
   * {@code /api/v1/} for an outage of the v1 endpoints while the v2 batch succeeds); other calls pass.
   */
  public Faults failNext(int times, int status, String pathPrefix) {
    return enqueue(times, new Fault.Status(status, null), Objects.requireNonNull(pathPrefix, "pathPrefix"));
  }

  /** Closes the connection of the next {@code times} calls without any response. */
  public Faults resetNext(int times) {
    return enqueue(times, new Fault.Reset());
  }

  /** Delays every Track API call by {@code delay} until changed ({@link Duration#ZERO} to stop). */
  public synchronized Faults latency(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("negative latency: " + delay);
    }
    latency = delay;
    return this;
  }

  /** Removes every pending fault and the latency, and zeroes {@link #injected()}. */
  public synchronized Faults clear() {
    pending.clear();
    latency = Duration.ZERO;
    injected = 0;
    return this;
  }

  /** The latency now in force. */
  public synchronized Duration latency() {
    return latency;
  }

  /** Faults injected so far. */
  public synchronized long injected() {
    return injected;
  }

  /** Faults still waiting for a call. */
  public synchronized int pending() {
    int n = 0;
    for (Pending p : pending) {
      n += p.remaining;
    }
    return n;
  }

  /** Takes the fault for a call now arriving, or null to serve it normally. */
  public synchronized Fault next() {
    return next("/");
  }

  /**
   * Takes the fault for the call to {@code path} now arriving, or null to serve it normally: the first
   * pending fault whose path prefix it matches.
   */
  public synchronized Fault next(String path) {
    for (var it = pending.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.pathPrefix != null && !path.startsWith(p.pathPrefix)) {
        continue;
      }
      if (--p.remaining == 0) {
        it.remove();
      }
      injected++;
      return p.fault;
    }
    return null;
  }

  private Faults enqueue(int times, Fault fault) {
    return enqueue(times, fault, null);
  }

  private synchronized Faults enqueue(int times, Fault fault, String pathPrefix) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be positive: " + times);
    }
    pending.addLast(new Pending(fault, times, pathPrefix));
    return this;
  }

  private static final class Pending {
    final Fault fault;
    final String pathPrefix; // null: any call
    int remaining;

    Pending(Fault fault, int remaining, String pathPrefix) {
      this.fault = fault;
      this.remaining = remaining;
      this.pathPrefix = pathPrefix;
    }
  }
}
