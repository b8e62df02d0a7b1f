package io.trackweave.runtime;

import io.trackweave.runtime.internal.send.DeliverySettings;
import io.trackweave.runtime.internal.send.HttpSettings;
import io.trackweave.runtime.internal.spool.SpoolSettings;
import java.io.IOException;

/** Tests of a stage build its settings from a config the way the runtime does ({@link StageSettings}). */
public final class Stages {
  private Stages() {}

  public static DeliverySettings delivery(TrackweaveConfig config) {
    return StageSettings.delivery(config);
  }

  public static HttpSettings http(TrackweaveConfig config) {
    return StageSettings.http(config);
  }

  public static SpoolSettings spool(TrackweaveConfig config) throws IOException {
    return StageSettings.spool(config);
  }
}
