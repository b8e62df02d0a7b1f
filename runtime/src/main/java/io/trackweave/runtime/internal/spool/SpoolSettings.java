package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link DiskSpool} needs of the runtime's settings.
 *
 * @param directory the spool folder (the configured one, or {@link SpoolDirectory#defaultFor the per-site default})
 * @param maxBytes the most the spool's segments may hold on disk
 * @param probeOperations how many calls a replay probes Customer.io with after an outage
 * @param cooldownInitial the first pause of replay after a failed probe; it doubles up to {@code cooldownMax}
 * @param threadName the spool thread's name
 */
public record SpoolSettings(
    Path directory,
    long maxBytes,
    FsyncPolicy fsync,
    Duration fsyncInterval,
    int probeOperations,
    Duration cooldownInitial,
    Duration cooldownMax,
    String threadName) {

  public SpoolSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(fsync, "fsync");
    Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    Objects.requireNonNull(cooldownInitial, "cooldownInitial");
    Objects.requireNonNull(cooldownMax, "cooldownMax");
    Objects.requireNonNull(threadName, "threadName");
  }
}
