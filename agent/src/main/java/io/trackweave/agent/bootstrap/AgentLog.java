package io.trackweave.agent.bootstrap;

import io.trackweave.runtime.metrics.ExitSafeLogger;

/**
 * The agent's logger, obtained on first use: initialising a logging back end inside premain would cost
 * start-up time and could fix the back end before the application configures its own.
 */
public final class AgentLog {
  private AgentLog() {}

  private static final class Holder {
    // exit-safe: a warning from the exit hook still reaches stderr after java.util.logging shut down
    static final System.Logger LOGGER = ExitSafeLogger.get("io.trackweave.agent");
  }

  public static void info(String message) {
    Holder.LOGGER.log(System.Logger.Level.INFO, message);
  }

  public static void warning(String message) {
    Holder.LOGGER.log(System.Logger.Level.WARNING, message);
  }

  public static void warning(String message, Throwable cause) {
    Holder.LOGGER.log(System.Logger.Level.WARNING, message, cause);
  }

  public static void error(String message, Throwable cause) {
    Holder.LOGGER.log(System.Logger.Level.ERROR, message, cause);
  }

  public static boolean isDebug() {
    return Holder.LOGGER.isLoggable(System.Logger.Level.DEBUG);
  }

  public static void debug(String message) {
    Holder.LOGGER.log(System.Logger.Level.DEBUG, message);
  }
}
