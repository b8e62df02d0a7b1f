package io.trackweave.agent.internal.bootstrap;

import io.trackweave.agent.internal.log.AgentLog;
import io.trackweave.agent.internal.transform.WeaveCount;
import io.trackweave.api.Trackweave;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.runtime.internal.encode.OperationEncoder;
import io.trackweave.runtime.internal.send.CallPathClasses;
import io.trackweave.runtime.internal.send.HttpTransport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one class that touches the runtime (relocated inside the agent's jar). It is loaded only on the
 * start thread, so premain never pays for OkHttp, Okio, Kotlin or Jackson.
 */
final class RuntimeBridge implements RuntimeStarter.Launch {
  /**
   * Loads the HTTP client's and the encoder's classes, on a thread of its own beside the runtime's start
   * (settings, disk spool), so the first sender does not load them only after that start: a short-lived
   * JVM delivers at exit, and would wait for both one after the other.
   */
  static final class Preload implements Runnable {
    @Override
    public void run() {
      try {
        HttpTransport.warmUp();
      } catch (Throwable ignored) {
        // the sender loads what it needs itself, and reports what fails
      }
      warmUpEncoderOnce();
      try {
        CallPathClasses.load(); // what the first call loads after the client: its chain, the connect, the codec
      } catch (Throwable ignored) {
        // the same
      }
    }
  }

  private static final AtomicBoolean ENCODER_CLAIMED = new AtomicBoolean();

  /**
   * Loads the encoder's classes (Jackson core), once: on whichever of the preload thread (after the HTTP
   * client) and the start thread (after the runtime's start) is free first.
   */
  static void warmUpEncoderOnce() {
    if (ENCODER_CLAIMED.compareAndSet(false, true)) {
      try {
        new OperationEncoder();
      } catch (Throwable ignored) {
        // the sender loads what it needs itself, and reports what fails
      }
    }
  }

  @Override
  public RuntimeStarter.Launched launch(Map<String, String> settings, BufferingTracker buffer) {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(TrackweaveConfig.load(settings));
    long dropped = buffer == null ? 0 : buffer.handOver(runtime);
    // Trackweave.install, not installGlobally(): the agent's own shutdown hook closes the runtime, after
    // waiting for this start; a second hook from the runtime would race it
    Trackweave.install(runtime);
    return new Started(runtime, dropped);
  }

  /** A started runtime, seen through what the agent needs of it. */
  private static final class Started implements RuntimeStarter.Launched {
    private final TrackweaveRuntime runtime;
    private final long dropped;

    Started(TrackweaveRuntime runtime, long dropped) {
      this.runtime = runtime;
      this.dropped = dropped;
    }

    @Override
    public long dropped() {
      return dropped;
    }

    @Override
    public void announce() {
      AgentLog.info("Trackweave agent: " + WeaveCount.methods() + " tracked method(s) in " + WeaveCount.classes()
          + " class(es) woven so far; the rest are woven as their classes load");
    }

    /** Flushes within the configured {@code shutdown.timeout}; idempotent. */
    @Override
    public void close() {
      try {
        runtime.close();
      } catch (Throwable ignored) {
        // shutting down anyway
      }
    }
  }
}
