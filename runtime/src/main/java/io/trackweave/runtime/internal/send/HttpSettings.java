package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.Region;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link HttpTransport} needs to reach the API: where, as whom, and how long to wait.
 *
 * @param baseUrl the API's base URL, already checked (no trailing slash)
 * @param region the configured region; a custom endpoint's region is read from its host instead
 * @param customEndpoint {@code baseUrl} was set explicitly (an emulator, a relay, a proxy)
 * @param connections sender threads that share the client's connection pool
 */
public record HttpSettings(
    String baseUrl,
    Region region,
    boolean customEndpoint,
    ApiVersion apiVersion,
    String siteId,
    String apiKey,
    String pipelinesApiKey,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int connections) {

  public HttpSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /** Never prints the credentials: a record's default would, into any log that shows it. */
  @Override
  public String toString() {
    return "HttpSettings[baseUrl=" + baseUrl + ", region=" + region + ", apiVersion=" + apiVersion
        + ", credentials=(hidden)]";
  }
}
