package io.trackweave.agent.internal.log;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's logger, obtained on first use: initialising a logging back end inside premain would cost
 * start-up time and could fix the back end before the application configures its own.
 *
 * <p>Debug lines (one per woven class) are asked for on the application's thread that loads the class.
 * Until the agent's start thread has looked the logger up ({@link #lookUp()}), they are held (at most
 * {@value #MAX_EARLY_DEBUG}) and written by that thread, so the first woven class never initialises
 * {@code java.util.logging} on the application's main thread (about 20-30 ms of class loading on a cold
 * JVM). Warnings and errors are written at once, whatever the thread.
 */
public final class AgentLog {
  static final int MAX_EARLY_DEBUG = 64;
  private static final Object LOCK = new Object();
  private static volatile boolean lookedUp;
  private static List<String> earlyDebug = new ArrayList<>(); // guarded by LOCK; null once looked up

  private AgentLog() {}

  private static final class Holder {
    // exit-safe: a warning from the exit hook still reaches stderr after java.util.logging shut down
    static final System.Logger LOGGER = ExitSafeLogger.get("io.trackweave.agent");
  }

  /**
   * Looks the logging back end up now, on the calling thread (the agent's start thread), and writes the
   * debug lines held so far. Idempotent.
   */
  public static void lookUp() {
    boolean debug = Holder.LOGGER.isLoggable(System.Logger.Level.DEBUG);
    List<String> held;
    synchronized (LOCK) {
      held = earlyDebug;
      earlyDebug = null;
      lookedUp = true;
    }
    if (held != null && debug) {
      for (String line : held) {
        Holder.LOGGER.log(System.Logger.Level.DEBUG, line);
      }
    }
  }

  /** Back to before {@link #lookUp()} (tests). */
  static void reset() {
    synchronized (LOCK) {
      earlyDebug = new ArrayList<>();
      lookedUp = false;
    }
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

  /** True when debug lines are written; before {@link #lookUp()}, true (the line is held until then). */
  public static boolean isDebug() {
    return !lookedUp || Holder.LOGGER.isLoggable(System.Logger.Level.DEBUG);
  }

  public static void debug(String message) {
    if (!lookedUp) {
      synchronized (LOCK) {
        if (earlyDebug != null) {
          if (earlyDebug.size() < MAX_EARLY_DEBUG) {
            earlyDebug.add(message);
          }
          return;
        }
      }
    }
    Holder.LOGGER.log(System.Logger.Level.DEBUG, message);
  }
}
