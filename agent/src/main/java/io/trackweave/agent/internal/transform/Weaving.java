package io.trackweave.agent.internal.transform;

import io.trackweave.agent.internal.advice.ClassWeaver;
import io.trackweave.agent.internal.advice.LoggingWeavingListener;
import io.trackweave.agent.internal.fallback.FallbackReport;

/**
 * Holds the weaver. The JVM initialises this class on first use, so the weaver (and the ASM classes it
 * uses) is loaded when the first class to weave appears (or earlier, on the start thread, by {@link
 * #warmUp()}), and never for an application with nothing to track.
 */
public final class Weaving {
  private Weaving() {}

  private static final class Holder {
    static final ClassWeaver WEAVER = create();

    private static ClassWeaver create() {
      ClassWeaver.warmUp();
      return new ClassWeaver(new LoggingWeavingListener(new FallbackReport()));
    }
  }

  static ClassWeaver weaver() {
    return Holder.WEAVER;
  }

  /** Loads the weaver ahead of need; called on the agent's start thread. */
  public static void warmUp() {
    weaver();
  }
}
