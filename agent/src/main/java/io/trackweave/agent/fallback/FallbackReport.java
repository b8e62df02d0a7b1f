package io.trackweave.agent.fallback;

import io.trackweave.agent.bootstrap.AgentLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the methods woven through the reflective fallback, so a team sees at a glance which classes were
 * compiled without the processor. The first class's methods are named in one warning at once (a
 * shutdown hook could not be relied on: the JDK's logging resets itself at shutdown); methods of classes
 * loaded later are gathered for a second and named together, so a burst of classes gives one warning.
 */
public final class FallbackReport {
  static final long GATHER_MILLIS = 1_000;

  private final List<String> pending = new ArrayList<>(); // guarded by this
  private boolean reported; // guarded by this
  private boolean gathering; // guarded by this

  public void add(List<String> methods) {
    boolean first;
    boolean startGathering = false;
    synchronized (this) {
      first = !reported;
      reported = true;
      if (!first) {
        pending.addAll(methods);
        startGathering = !gathering;
        gathering = true;
      }
    }
    if (first) {
      AgentLog.warning(message(methods));
    } else if (startGathering) {
      Thread gatherer = new Thread(new Gather(), "trackweave-agent-fallback-report");
      gatherer.setDaemon(true);
      gatherer.start();
    }
  }

  private final class Gather implements Runnable {
    @Override
    public void run() {
      try {
        Thread.sleep(GATHER_MILLIS);
      } catch (InterruptedException ignored) {
        // report now
      }
      flush();
    }
  }

  void flush() {
    List<String> methods;
    synchronized (this) {
      gathering = false;
      if (pending.isEmpty()) {
        return;
      }
      methods = List.copyOf(pending);
      pending.clear();
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
