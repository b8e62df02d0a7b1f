package io.trackweave.runtime.internal.metrics;

import java.io.PrintStream;
import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * A {@link Logger} that stays visible while the JVM exits. {@code java.util.logging} resets its
 * handlers in a shutdown hook of its own, which runs beside ours in no set order, so a 401 or a drop
 * summary logged while the runtime flushes at exit would be lost, and a one-second batch job would
 * end having said nothing. Once {@link #exiting()} has been called, records of level INFO and above
 * go straight to standard error instead; before that, everything goes to the named System.Logger.
 */
public final class ExitSafeLogger implements Logger {
  private static volatile boolean exiting;
  private static volatile PrintStream exitStream;

  private final String name;
  private volatile Logger delegate;

  private ExitSafeLogger(String name) {
    this.name = name;
  }

  /** The logger called {@code name} (the System.Logger it stands for is looked up on first use). */
  public static Logger get(String name) {
    return new ExitSafeLogger(name);
  }

  /** The JVM has begun to exit: from now on every logger of this kind writes to standard error. */
  public static void exiting() {
    exiting = true;
  }

  /** True while the JVM exits, or when no shutdown hook can be added any more. */
  public static boolean jvmExiting() {
    if (exiting) {
      return true;
    }
    Thread probe = new Thread(new Noop(), "trackweave-exit-probe"); // no lambda to spin at exit
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shuttingDown) {
      return true;
    }
  }

  private static final class Noop implements Runnable {
    @Override
    public void run() {}
  }

  /** Where records go while exiting (tests); standard error when null. */
  static void exitStream(PrintStream stream) {
    exitStream = stream;
  }

  /** Back to normal (tests). */
  static void reset() {
    exiting = false;
    exitStream = null;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isLoggable(Level level) {
    if (exiting) {
      return level.getSeverity() >= Level.INFO.getSeverity();
    }
    try {
      return delegate().isLoggable(level);
    } catch (Throwable t) {
      return false;
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    try {
      if (exiting) {
        if (level.getSeverity() >= Level.INFO.getSeverity()) {
          write(level, msg, thrown);
        }
        return;
      }
      delegate().log(level, bundle, msg, thrown);
    } catch (Throwable ignored) {
      // logging never breaks delivery
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    try {
      if (exiting) {
        if (level.getSeverity() >= Level.INFO.getSeverity()) {
          String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
          write(level, msg, null);
        }
        return;
      }
      delegate().log(level, bundle, format, params);
    } catch (Throwable ignored) {
      // logging never breaks delivery
    }
  }

  private Logger delegate() {
    Logger d = delegate;
    if (d == null) {
      d = System.getLogger(name);
      delegate = d;
    }
    return d;
  }

  private static void write(Level level, String msg, Throwable thrown) {
    PrintStream out = exitStream != null ? exitStream : System.err;
    String text = level.getName() + ": " + msg + (thrown == null ? "" : " (" + thrown + ")");
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }
}
