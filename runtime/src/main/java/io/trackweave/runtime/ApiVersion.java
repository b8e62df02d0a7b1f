package io.trackweave.runtime;

import java.util.Locale;

/** Which Track API endpoints carry the calls. */
public enum ApiVersion {
  /** {@code POST /api/v2/batch}: many operations per request (the default). */
  V2,
  /**
   * The classic one-call-per-request endpoints ({@code PUT /api/v1/customers/{id}}, {@code POST
   * /api/v1/customers/{id}/events}, ...). Phone identifiers are not available there.
   */
  V1;

  public static ApiVersion parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "v1":
      case "1":
        return V1;
      case "v2":
      case "2":
        return V2;
      default:
        throw new IllegalArgumentException("unknown api version '" + text + "': use v1 or v2");
    }
  }
}
