package io.trackweave.agent.internal.fallback;

import io.trackweave.agent.internal.log.AgentLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the annotated methods of classes compiled without the processor, so a team sees at a glance
 * which they are: those woven through the reflective fallback ({@link #FallbackReport()}), or, with the
 * fallback off, those that run untracked ({@link #unwoven()}). Each method is named once (a class loaded
 * by several loaders too). The first class's methods are named in one warning at once (a shutdown hook
 * could not be relied on: the JDK's logging resets itself at shutdown); methods of classes loaded later
 * are gathered for a second and named together, so a burst of classes gives one warning.
 */
public final class FallbackReport {
  static final long GATHER_MILLIS = 1_000;

  /** True for {@link #unwoven()}; a flag rather than a function, so weaving the first class spins no lambda. */
  private final boolean unwoven;
  private final Set<String> named = new HashSet<>(); // guarded by this
  private final List<String> pending = new ArrayList<>(); // guarded by this
  private boolean reported; // guarded by this
  private boolean gathering; // guarded by this

  /** The report of methods woven through the reflective fallback. */
  public FallbackReport() {
    this(false);
  }

  private FallbackReport(boolean unwoven) {
    this.unwoven = unwoven;
  }

  /** The report of annotated methods left unwoven (no index entry, fallback off). */
  public static FallbackReport unwoven() {
    return new FallbackReport(true);
  }

  public void add(List<String> all) {
    boolean first;
    boolean startGathering = false;
    List<String> methods = new ArrayList<>();
    synchronized (this) {
      for (String method : all) {
        if (named.add(method)) {
          methods.add(method);
        }
      }
      if (methods.isEmpty()) {
        return;
      }
      first = !reported;
      reported = true;
      if (!first) {
        pending.addAll(methods);
        startGathering = !gathering;
        gathering = true;
      }
    }
    if (first) {
      AgentLog.warning(unwoven ? unwovenMessage(methods) : message(methods));
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
    AgentLog.warning(unwoven ? unwovenMessage(methods) : message(methods));
  }

  static String message(List<String> methods) {
    return "Trackweave: "
        + methods.size()
        + " annotated method(s) have no entry in META-INF/trackweave/index (compiled without the"
        + " trackweave-processor?) and are tracked through the slower reflective fallback, unchecked"
        + " against the tracking plan: "
        + String.join(", ", methods);
  }

  static String unwovenMessage(List<String> methods) {
    return "Trackweave: "
        + methods.size()
        + " annotated method(s) have no entry in META-INF/trackweave/index (compiled without the"
        + " trackweave-processor?) and are NOT tracked: "
        + String.join(", ", methods)
        + ". Add io.trackweave:trackweave-processor to the compiler's annotationProcessorPaths so they are"
        + " checked against the tracking plan and tracked (or set the agent argument fallback=true to track"
        + " them reflectively, unchecked)";
  }
}
