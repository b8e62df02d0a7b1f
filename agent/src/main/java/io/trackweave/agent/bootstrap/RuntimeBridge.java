package io.trackweave.agent.bootstrap;

import io.trackweave.api.Trackweave;


import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one class that touches the runtime (relocated inside the agent's jar): it is loaded only on the
 * start thread, so premain never pays for OkHttp, Okio, Kotlin or Jackson.
 */
final class RuntimeBridge {
  private RuntimeBridge() {}

  /** A started runtime, seen through what the agent needs of it. */
  record Started(Consumer<Duration> closer, long dropped, boolean closesItself) {
    void close(Duration timeout) {
      try {
        closer.accept(timeout);
      } catch (Throwable ignored) {
        // shutting down anyway
      }
    }
  }

  static Started start(Map<String, String> settings, BufferingTracker buffer) {
    // TEMPORARY until trackweave-runtime is installed
    if (buffer != null) {
      buffer.handOver(io.trackweave.api.Tracker.NOOP);
    }
    throw new UnsupportedOperationException("runtime not linked yet " + Trackweave.class);
  }
}
