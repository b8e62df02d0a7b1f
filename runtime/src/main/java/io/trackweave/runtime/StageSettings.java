package io.trackweave.runtime;

import io.trackweave.runtime.internal.send.DeliverySettings;
import io.trackweave.runtime.internal.send.HttpSettings;
import io.trackweave.runtime.internal.spool.SpoolDirectory;
import io.trackweave.runtime.internal.spool.SpoolSettings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one place that reads a {@link TrackweaveConfig} for the stages: each stage takes the values it
 * uses, never the whole config, so a stage cannot come to depend on a setting it was not given.
 */
final class StageSettings {
  private StageSettings() {}

  static DeliverySettings delivery(TrackweaveConfig config) {
    return new DeliverySettings(config.apiVersion(), config.batchMaxBytes(), config.gzip(), config.retryMaxTime(),
        config.retryMaxAttempts(), config.retryInitialBackoff(), config.retryMaxBackoff(), config.backfill(),
        config.pipelinesRejectUpdateOnly());
  }

  static HttpSettings http(TrackweaveConfig config) {
    return new HttpSettings(config.baseUrl(), config.region(), config.endpoint() != null, config.apiVersion(),
        config.siteId(), config.apiKey(), config.pipelinesApiKey(), config.connectTimeout(), config.readTimeout(),
        config.callTimeout(), config.senders());
  }

  /** The spool's settings; its folder is the configured one, or the per-site default (created if needed). */
  static SpoolSettings spool(TrackweaveConfig config) throws IOException {
    Path dir = config.spoolDir() != null
        ? config.spoolDir()
        : SpoolDirectory.defaultFor(config.account(), config.baseUrl());
    return new SpoolSettings(dir, config.spoolMaxBytes(), config.spoolFsync(), config.spoolFsyncInterval(),
        config.batchMaxOperations(), config.retryInitialBackoff(), config.retryMaxBackoff(),
        "trackweave-spool" + threadSuffix(config));
  }

  /** Appended to the runtime's thread names: nothing for the default runtime, else {@code -name}. */
  static String threadSuffix(TrackweaveConfig config) {
    return config.name().equals("default") ? "" : "-" + config.name();
  }
}
