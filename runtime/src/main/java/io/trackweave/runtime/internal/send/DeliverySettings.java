package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.ApiVersion;
import java.time.Duration;
import java.util.Objects;

/**
 * What a sender's {@link Delivery} needs of the runtime's settings, and nothing else: the API it speaks,
 * how a request is built (body limit, gzip), how long and how often it retries, and the two
 * Customer.io-specific refusals (backfill, Pipelines' update-only identify).
 *
 * @param retryMaxAttempts attempts per request before its calls are given up (to the spool when there is one)
 * @param retryMaxTime the delivery budget: retrying stops when the next wait would pass it
 */
public record DeliverySettings(
    ApiVersion apiVersion,
    int batchMaxBytes,
    boolean gzip,
    Duration retryMaxTime,
    int retryMaxAttempts,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    boolean backfill,
    boolean pipelinesRejectUpdateOnly) {

  public DeliverySettings {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(retryMaxTime, "retryMaxTime");
    Objects.requireNonNull(retryInitialBackoff, "retryInitialBackoff");
    Objects.requireNonNull(retryMaxBackoff, "retryMaxBackoff");
    if (batchMaxBytes <= 0 || retryMaxAttempts <= 0) {
      throw new IllegalArgumentException("batchMaxBytes and retryMaxAttempts must be positive");
    }
  }
}
