package io.trackweave.relay;

import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.internal.send.DeliverySettings;
import io.trackweave.runtime.internal.send.HttpSettings;

/** The relay's settings for the runtime's delivery stages, read from its config as the runtime reads its own. */
final class RelaySettings {
  private RelaySettings() {}

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
}
