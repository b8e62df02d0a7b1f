package io.trackweave.spring.boot.internal;

import io.trackweave.runtime.MetricsSnapshot;
import java.util.Map;

/**
 * The health of a runtime's delivery, judged from how its counters move between two looks (the runtime
 * exposes counters, not states):
 *
 * <ul>
 *   <li><b>down</b> once Customer.io rejected the credentials ({@code unauthorized} or {@code forbidden}
 *       grew), until a later delivery succeeds;
 *   <li><b>degraded</b> while requests are retried without anything delivered (Customer.io unreachable
 *       or throttling), and stays so while calls are held and nothing is delivered; or while the disk
 *       spool grows;
 *   <li><b>up</b> otherwise.
 * </ul>
 */
public final class HealthAssessment {
  /**
   * What a look concluded, and why when it is not up. {@code UNKNOWN} is never a verdict of {@link #assess}: a
   * {@link HealthCheck} reports it for a disabled runtime, which has no delivery to judge.
   */
  public enum State { UP, DEGRADED, DOWN, UNKNOWN }

  public record Verdict(State state, String reason) {}

  private MetricsSnapshot previous;
  private boolean credentialsRejected;
  private State last = State.UP;

  /** Starts from {@code baseline}, the counters when watching began. */
  public HealthAssessment(MetricsSnapshot baseline) {
    this.previous = baseline;
    this.credentialsRejected = authRejections(baseline) > 0 && baseline.delivered() == 0;
  }

  public synchronized Verdict assess(MetricsSnapshot now) {
    MetricsSnapshot before = previous;
    previous = now;
    boolean delivered = now.delivered() > before.delivered();
    if (authRejections(now) > authRejections(before)) {
      credentialsRejected = true;
    } else if (delivered) {
      credentialsRejected = false;
    }
    Verdict verdict;
    if (credentialsRejected) {
      verdict = new Verdict(State.DOWN, "Customer.io rejected the credentials (unauthorized: "
          + now.rejectedByReason().getOrDefault("unauthorized", 0L) + ", forbidden: "
          + now.rejectedByReason().getOrDefault("forbidden", 0L) + "); check the site id and API key");
    } else if (now.retried() > before.retried() && !delivered) {
      verdict = new Verdict(State.DEGRADED, "retrying without delivering: Customer.io unreachable or throttling ("
          + (now.retried() - before.retried()) + " retries since the last check)");
    } else if (last == State.DEGRADED && !delivered && now.queueOperations() > 0 && now.spoolBytes() >= before.spoolBytes()) {
      verdict = new Verdict(State.DEGRADED, "still nothing delivered; " + now.queueOperations() + " call(s) held");
    } else if (now.spoolBytes() > before.spoolBytes()) {
      verdict = new Verdict(State.DEGRADED, "the disk spool's backlog grows (" + now.spoolBytes() + " bytes)");
    } else {
      verdict = new Verdict(State.UP, null);
    }
    last = verdict.state();
    return verdict;
  }

  private static long authRejections(MetricsSnapshot s) {
    Map<String, Long> byReason = s.rejectedByReason();
    return byReason.getOrDefault("unauthorized", 0L) + byReason.getOrDefault("forbidden", 0L);
  }
}
