package io.trackweave.runtime.faults;

import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.runtime.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sending JVM of {@link CrashRecoveryIT}: {@code send <endpoint> <spool> <calls>} tracks calls in
 * chunks and prints {@code ACCEPTED <seq>} once a flush settled every call up to it (delivered, or
 * written and fsynced to the spool) with nothing dropped; {@code drain <endpoint> <spool>} replays the
 * spool and exits once it is empty; {@code million <endpoint> <spool> <calls>} pushes calls through an
 * outage and prints the final counts.
 */
public final class FaultChild {
  private FaultChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String endpoint = args[1];
    Path spool = Path.of(args[2]);
    TrackweaveConfig.Builder config = FaultSupport.config(endpoint, spool).spoolFsync(FsyncPolicy.ALWAYS);
    switch (mode) {
      case "send" -> send(config, Long.parseLong(args[3]));
      case "drain" -> drain(config);
      case "million" -> million(endpoint, spool, Long.parseLong(args[3]));
      default -> throw new IllegalArgumentException(mode);
    }
  }

  private static void send(TrackweaveConfig.Builder config, long calls) {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config.build());
    long lost = 0;
    for (long from = 0; from < calls; from += 50) {
      FaultSupport.send(runtime, from, from + 50, 7);
      DeliveryReport r = runtime.flush(Duration.ofSeconds(10));
      // accepted: settled (delivered, or handed to the spool and fsynced there) with nothing given up
      if (r.pending() == 0 && r.dropped() == lost && r.rejected() == 0) {
        System.out.println("ACCEPTED " + (from + 49));
        System.out.flush();
      }
      lost = r.dropped();
    }
    System.out.println("DONE");
    System.out.flush();
    FaultSupport.sleep(60_000); // the parent kills us long before
  }

  private static void drain(TrackweaveConfig.Builder config) {
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config.build())) {
      boolean drained = FaultSupport.await(() -> {
        MetricsSnapshot m = runtime.metrics();
        return m.replayed() > 0 && m.spoolBytes() == 0 && m.queueOperations() == 0;
      }, Duration.ofSeconds(60));
      MetricsSnapshot m = runtime.metrics();
      System.out.println("DRAINED " + drained + " replayed=" + m.replayed() + " delivered=" + m.delivered()
          + " corrupt=" + m.spoolCorruptSkipped());
    }
  }

  /** The runtime's defaults (spool on, fsync interval, default queue, retries and backoff): only where to send. */
  private static void million(String endpoint, Path spool, long calls) {
    TrackweaveConfig.Builder config = TrackweaveConfig.builder().siteId("fault-site").apiKey("fault-key")
        .endpoint(endpoint).spoolDir(spool).jmx(false).name("faults");
    long maxUsed = 0;
    Runtime jvm = Runtime.getRuntime();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config.build())) {
      long start = System.nanoTime();
      for (long i = 0; i < calls; i++) {
        FaultSupport.send(runtime, i, 1000);
        if ((i & 0xFFFF) == 0) {
          maxUsed = Math.max(maxUsed, jvm.totalMemory() - jvm.freeMemory());
          // pace at about 125,000 calls/s, so the stream runs through the outage
          long due = start + i * 8_000L;
          long ahead = due - System.nanoTime();
          if (ahead > 0) {
            FaultSupport.sleep(ahead / 1_000_000);
          }
        }
      }
      boolean settled = FaultSupport.await(() -> {
        MetricsSnapshot m = runtime.metrics();
        return m.delivered() + m.rejected() + m.dropped() >= calls && m.spoolBytes() == 0 && m.queueOperations() == 0;
      }, Duration.ofSeconds(150));
      maxUsed = Math.max(maxUsed, jvm.totalMemory() - jvm.freeMemory());
      MetricsSnapshot m = runtime.metrics();
      System.out.println("COUNTS settled=" + settled + " sent=" + calls + " delivered=" + m.delivered()
          + " rejected=" + m.rejected() + " dropped=" + m.dropped() + " spilled=" + m.spilled()
          + " replayed=" + m.replayed() + " droppedBy=" + m.droppedByReason().toString().replace(' ', '_')
          + " maxHeapUsed=" + maxUsed + " maxHeap=" + jvm.maxMemory());
      System.out.flush();
    }
  }
}
