package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An update-only identify (the Track API's {@code _update: true}: change a person who exists, create
 * none) on the Pipelines API, which has no such identify.
 */
final class UpdateOnlyIdentify {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private UpdateOnlyIdentify() {}

  /**
   * Whether an update-only identify goes out on the Pipelines API: as a plain identify
   * ({@code pipelines.update.only=identify}, the default; warned once per JVM, since it can create a
   * person), or not at all ({@code reject}).
   */
  static boolean allowedOnPipelines(DeliverySettings settings) {
    if (settings.pipelinesRejectUpdateOnly()) {
      return false;
    }
    if (WARNED.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "Trackweave: the Data Pipelines API has no update-only identify; update-only"
          + " identifies are sent as plain identifies, which create a person who does not exist yet. Set"
          + " pipelines.update.only=reject to refuse them instead, or use api.version=v2");
    }
    return true;
  }
}
