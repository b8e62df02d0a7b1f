package io.trackweave.runtime.internal.metrics;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Where the runtime's rate-limited summaries go: the {@code io.trackweave.runtime} System.Logger, or a
 * recorder in tests. Called only from the runtime's own threads (and from {@code close}), never from a
 * caller's tracking call.
 */
@FunctionalInterface
public interface LogSink {
  void log(Level level, String message);

  /** The runtime's logger. A failing logger never breaks the thread that reports through it. */
  LogSink SYSTEM =
      new LogSink() {
        private final Logger log = ExitSafeLogger.get("io.trackweave.runtime");

        @Override
        public void log(Level level, String message) {
          try {
            log.log(level, message);
          } catch (Throwable ignored) {
            // logging never breaks delivery
          }
        }
      };
}
