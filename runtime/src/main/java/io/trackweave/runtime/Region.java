package io.trackweave.runtime;

import java.util.Locale;

/** The Customer.io data centre a workspace lives in; it decides the Track and Pipelines APIs' hosts. */
public enum Region {
  US("https://track.customer.io", "https://cdp.customer.io"),
  EU("https://track-eu.customer.io", "https://cdp-eu.customer.io");

  private final String baseUrl;
  private final String pipelinesBaseUrl;

  Region(String baseUrl, String pipelinesBaseUrl) {
    this.baseUrl = baseUrl;
    this.pipelinesBaseUrl = pipelinesBaseUrl;
  }

  /** The Track API's base URL in this region, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * The Data Pipelines API's server address in this region, without a trailing slash; its paths start
   * with {@code /v1} (the spec's servers are {@code https://cdp.customer.io/v1} and {@code
   * https://cdp-eu.customer.io/v1}).
   */
  public String pipelinesBaseUrl() {
    return pipelinesBaseUrl;
  }

  /** Parses {@code us} or {@code eu} (any case). */
  public static Region parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "us":
        return US;
      case "eu":
        return EU;
      default:
        throw new IllegalArgumentException("unknown region '" + text.trim() + "': use us (track.customer.io)"
            + " or eu (track-eu.customer.io)");
    }
  }

  /** The region whose Track or Pipelines API host this is, or null when it is neither. */
  public static Region ofHost(String host) {
    if ("track.customer.io".equalsIgnoreCase(host) || "cdp.customer.io".equalsIgnoreCase(host)) {
      return US;
    }
    if ("track-eu.customer.io".equalsIgnoreCase(host) || "cdp-eu.customer.io".equalsIgnoreCase(host)) {
      return EU;
    }
    return null;
  }
}
