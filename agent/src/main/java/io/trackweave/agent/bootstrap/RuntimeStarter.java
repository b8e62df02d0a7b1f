package io.trackweave.agent.bootstrap;

import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
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
 * <p>A short-lived application may reach shutdown while the runtime is still starting: a shutdown hook
 * then waits for the start (bounded) so the buffered calls are still delivered.
 */
public final class RuntimeStarter implements Runnable {
  static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, String> settings;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile BufferingTracker buffer;
  private volatile Runnable warmUp;
  private volatile RuntimeBridge.Started runtime;

  public RuntimeStarter(Map<String, String> settings) {
    this.settings = settings;
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
    } catch (IllegalStateException shuttingDown) {
      // started during shutdown: run() closes what it starts
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
      AgentLog.info("Trackweave agent: the application installed its own tracker (" + current + "); the agent uses it");
      return;
    }
    try {
      RuntimeBridge.Started started = RuntimeBridge.start(settings, buffer);
      runtime = started;
      if (started.dropped() > 0) {
        AgentLog.warning(
            "Trackweave dropped " + started.dropped() + " call(s) made while the runtime started (buffer.size)");
      }
    } catch (Throwable t) {
      AgentLog.error("Trackweave could not start its runtime; calls are dropped", t);
      BufferingTracker b = buffer;
      if (b != null) {
        b.handOver(Tracker.NOOP);
      }
    } finally {
      done.countDown();
    }
  }

  private void onShutdown() {
    BufferingTracker b = buffer;
    try {
      if (b != null && b.pendingCount() > 0 && !done.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        AgentLog.warning("Trackweave runtime did not start in time; " + b.pendingCount() + " call(s) lost");
        return;
      }
    } catch (InterruptedException e) {
      return;
    }
    RuntimeBridge.Started started = runtime;
    if (started != null) {
      started.close(CLOSE_TIMEOUT);
    }
  }
}
