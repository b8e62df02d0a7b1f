package io.trackweave.agent.fallback;

import io.trackweave.agent.bootstrap.AgentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the methods woven through the reflective fallback and names them in one warning, so a team
 * sees at a glance which classes were compiled without the processor. Classes load over time, so the
 * warning waits a moment after the first one (or until shutdown, whichever comes first); methods seen
 * after it was written (a class loaded late) get a warning of their own.
 */
public final class FallbackReport {
  static final long DELAY_MILLIS = 1_000;

  private final List<String> pending = new ArrayList<>();
  private boolean started;
  private boolean reported;

  public void add(List<String> methods) {
    boolean start;
    boolean now;
    synchronized (this) {
      pending.addAll(methods);
      now = reported;
      start = !started;
      started = true;
    }
    if (now) {
      flush();
      return;
    }
    if (!start) {
      return;
    }
    Thread timer =
        new Thread(
            () -> {
              try {
                Thread.sleep(DELAY_MILLIS);
              } catch (InterruptedException ignored) {
                // report now
              }
              flush();
            },
            "trackweave-agent-fallback-report");
    timer.setDaemon(true);
    timer.start();
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(this::flush, "trackweave-agent-fallback-report-exit"));
    } catch (IllegalStateException shuttingDown) {
      flush();
    }
  }

  /** Writes the warning for every method not reported yet; a no-op when there is none. */
  public void flush() {
    List<String> methods;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      methods = List.copyOf(pending);
      pending.clear();
      reported = true;
    }
    AgentLog.warning(message(methods));
  }

  static String message(List<String> methods) {
    return "Trackweave: "
        + methods.size()
        + " annotated method(s) have no entry in META-INF/trackweave/index (compiled without the"
        + " trackweave-processor?) and are tracked through the slower reflective fallback, unchecked"
        + " against the tracking plan: "
        + String.join(", ", methods);
  }
}
