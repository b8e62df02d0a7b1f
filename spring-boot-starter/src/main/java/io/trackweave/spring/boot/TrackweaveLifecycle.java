package io.trackweave.spring.boot;

import io.trackweave.api.Trackweave;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveRuntime;
import java.time.Duration;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Ties a runtime to the application context: installs it as the tracker when the context starts, and on
 * close flushes what is still queued within {@code trackweave.shutdown.timeout}, then logs what became of
 * it (a warning names what could not be delivered). It stops in a late phase ({@link #PHASE}): after the
 * web server's graceful shutdown and stop, so the events of the last requests are still sent.
 */
public final class TrackweaveLifecycle implements SmartLifecycle {
  /** Below the web server's phases (which stop first) and the default phase of other lifecycles. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
  private static final Log LOG = LogFactory.getLog(TrackweaveLifecycle.class);

  private final TrackweaveRuntime runtime;
  private volatile boolean running;

  public TrackweaveLifecycle(TrackweaveRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  @Override
  public void start() {
    if (Trackweave.tracker() != runtime) {
      Trackweave.install(runtime);
    }
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (!runtime.isEnabled()) {
      runtime.close();
      Trackweave.uninstall(runtime);
      return;
    }
    Duration timeout = runtime.config().shutdownTimeout();
    // still installed while it closes: late calls are counted as dropped (closed), not silently lost
    DeliveryReport report = runtime.close(timeout);
    Trackweave.uninstall(runtime);
    MetricsSnapshot metrics = runtime.metrics();
    String counts = "delivered " + report.delivered() + ", rejected " + report.rejected() + ", dropped " + report.dropped();
    if (report.pending() > 0 || report.dropped() > 0) {
      LOG.warn("Trackweave: closed with calls not delivered: " + report.pending() + " still pending at the "
          + timeout.toMillis() + " ms deadline (trackweave.shutdown.timeout; handed to the spool when it is"
          + " enabled, else lost), dropped by reason " + metrics.droppedByReason() + "; " + counts);
    } else {
      LOG.info("Trackweave: flushed and closed: " + counts);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
