package io.trackweave.runtime;

import java.util.Locale;

/** The Customer.io data centre a workspace lives in; it decides the Track API's host. */
public enum Region {
  US("https://track.customer.io"),
  EU("https://track-eu.customer.io");

  private final String baseUrl;

  Region(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The Track API's base URL in this region, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
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

  /** The region whose Track API host this is, or null when it is not a Track API host. */
  public static Region ofHost(String host) {
    if ("track.customer.io".equalsIgnoreCase(host)) {
      return US;
    }
    if ("track-eu.customer.io".equalsIgnoreCase(host)) {
      return EU;
    }
    return null;
  }
}
