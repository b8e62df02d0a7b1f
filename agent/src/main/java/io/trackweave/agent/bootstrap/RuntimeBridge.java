package io.trackweave.agent.bootstrap;

import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import java.time.Duration;
import java.util.Map;

/**
 * The one class that touches the runtime (relocated inside the agent's jar). It is loaded only on the
 * start thread, so premain never pays for OkHttp, Okio, Kotlin or Jackson.
 */
final class RuntimeBridge {
  private RuntimeBridge() {}

  /** A started runtime, seen through what the agent needs of it. */
  static final class Started {
    private final TrackweaveRuntime runtime;
    private final long dropped;

    private Started(TrackweaveRuntime runtime, long dropped) {
      this.runtime = runtime;
      this.dropped = dropped;
    }

    long dropped() {
      return dropped;
    }

    /** Idempotent; when the runtime's own hook is already closing it, this returns at once. */
    void close(Duration timeout) {
      try {
        runtime.close(timeout);
      } catch (Throwable ignored) {
        // shutting down anyway
      }
    }
  }

  static Started start(Map<String, String> settings, BufferingTracker buffer) {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(TrackweaveConfig.load(settings));
    long dropped = buffer == null ? 0 : buffer.handOver(runtime);
    // replaces the buffer as the global tracker, and hooks the runtime's flush into shutdown (unless
    // the JVM is shutting down already: then the agent's own hook closes it)
    runtime.installGlobally();
    return new Started(runtime, dropped);
  }
}
