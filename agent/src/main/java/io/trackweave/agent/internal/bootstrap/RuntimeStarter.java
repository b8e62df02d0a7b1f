package io.trackweave.agent.internal.bootstrap;

import io.trackweave.agent.internal.log.AgentLog;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the runtime once, on a daemon thread, the first time something needs it (an index is found,
 * or a call is made), and hands the buffered calls over to it. Before the runtime, the same thread loads
 * the weaving code, which the application's first indexed class will need sooner.
 *
 * <p>One shutdown hook, registered when the start begins, owns the runtime's end: it waits for the start
 * (bounded) whatever the buffer holds at that moment, since the buffer is emptied into the runtime before
 * the start is complete, and then closes the runtime within its configured {@code shutdown.timeout}. The
 * runtime registers no hook of its own, so nothing races that close.
 */
public final class RuntimeStarter implements Runnable {
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  /** Starts the runtime and hands the buffer over to it; a seam so tests need no real runtime. */
  interface Launch {
    Launched launch(Map<String, String> settings, BufferingTracker buffer);
  }

  /** A started runtime, seen through what the agent needs of it. */
  interface Launched {
    /** Calls the buffer dropped because it was full. */
    long dropped();

    /** Flushes within the configured {@code shutdown.timeout} and stops; idempotent, never throws. */
    void close();

    /**
     * Says, once, that the runtime started; called by the start thread after the runtime was published,
     * so the exit hook never waits for a logging back end to start.
     */
    default void announce() {}
  }

  private final Map<String, String> settings;
  private final Launch launch; // null: the real runtime, loaded only on the start thread
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile BufferingTracker buffer;
  private volatile Runnable warmUp;
  private volatile Launched runtime;
  private volatile boolean exitHooked;

  public RuntimeStarter(Map<String, String> settings) {
    this(settings, null);
  }

  RuntimeStarter(Map<String, String> settings, Launch launch) {
    this.settings = settings;
    this.launch = launch;
  }

  public void bind(BufferingTracker buffer) {
    this.buffer = buffer;
  }

  /** Work to do on the start thread before the runtime (loading the weaver). */
  public void warmUpFirst(Runnable warmUp) {
    this.warmUp = warmUp;
  }

  /** Same as {@link #startOnce()}. */
  @Override
  public void run() {
    startOnce();
  }

  public void startOnce() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(new Start(), "trackweave-agent-start");
    thread.setDaemon(true);
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(new Exit(), "trackweave-agent-exit"));
      exitHooked = true;
    } catch (IllegalStateException shuttingDown) {
      // started during shutdown: start() closes what it starts
    }
    thread.start();
  }

  /** Waits until the start thread has finished (for tests). */
  boolean awaitStarted(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private final class Start implements Runnable {
    @Override
    public void run() {
      start();
    }
  }

  private final class Exit implements Runnable {
    @Override
    public void run() {
      onShutdown();
    }
  }

  private void start() {
    if (launch == null) {
      // the HTTP client's and the encoder's classes, beside the weaver's and the runtime's start: the
      // first request (at exit, for a short-lived JVM) would otherwise wait for all three in a row
      Thread preload = new Thread(new RuntimeBridge.Preload(), "trackweave-agent-preload");
      preload.setDaemon(true);
      preload.start();
    }
    try {
      Runnable first = warmUp;
      if (first != null) {
        first.run();
      }
    } catch (Throwable ignored) {
      // the weaver reports its own problems when it is used
    }
    BufferingTracker held = buffer;
    Tracker current = Trackweave.tracker();
    if (held != null && current != held && current != Tracker.NOOP) {
      // the application installed a runtime of its own (library mode): use it, do not start a second
      held.handOver(current);
      done.countDown();
      lookUpLog();
      AgentLog.info("Trackweave agent: the application installed its own tracker (" + current + "); the agent uses it");
      return;
    }
    Launched launched = null;
    try {
      launched = (launch != null ? launch : new RuntimeBridge()).launch(settings, held);
      runtime = launched;
    } catch (Throwable t) {
      AgentLog.error("Trackweave could not start its runtime; calls are dropped", t);
      if (held != null) {
        held.handOver(Tracker.NOOP);
      }
    } finally {
      done.countDown();
    }
    if (launched != null && !exitHooked) {
      // the JVM was already shutting down when the start began: no hook will close the runtime, so
      // deliver what was handed over now
      launched.close();
    }
    if (launch == null) {
      // this thread is free now, and the first request needs the encoder sooner than a log line; the
      // preload thread may still be loading OkHttp
      RuntimeBridge.warmUpEncoderOnce();
    }
    // only now that the runtime is published (the exit hook may already be flushing it): starting the
    // logging back end (java.util.logging: 20-30 ms of class loading on a cold JVM) is not on that path
    lookUpLog();
    if (launched != null) {
      if (launched.dropped() > 0) {
        AgentLog.warning(
            "Trackweave dropped " + launched.dropped() + " call(s) made while the runtime started (buffer.size)");
      }
      if (exitHooked) {
        launched.announce();
      }
    }
  }

  /**
   * Looks the logging back end up on this thread (never on the application's, which a woven class's
   * debug line would otherwise do) and writes the debug lines held until now.
   */
  private static void lookUpLog() {
    try {
      AgentLog.lookUp();
    } catch (Throwable ignored) {
      // a logging back end that cannot start costs only the agent's lines
    }
  }

  /** The exit hook's work; package-private for tests. */
  void onShutdown() {
    // java.util.logging resets its handlers in a hook of its own: from here on, warnings go to stderr
    if (ExitSafeLogger.jvmExiting()) {
      ExitSafeLogger.exiting();
    }
    try {
      // always wait, even with nothing held: the start may have emptied the buffer into a runtime it
      // has not yet published
      if (!done.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        BufferingTracker b = buffer;
        AgentLog.warning(
            "Trackweave runtime did not start within "
                + SHUTDOWN_WAIT.toSeconds()
                + " s of shutdown; "
                + (b == null ? 0 : b.pendingCount())
                + " held call(s) lost");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Launched started = runtime;
    if (started != null) {
      started.close();
    }
  }
}
