package io.trackweave.runtime;

import java.util.Locale;

/** Which of Customer.io's ingestion APIs carries the calls ({@code api.version}). */
public enum ApiVersion {
  /** Track API {@code POST /api/v2/batch}: many operations per request (the default). */
  V2,
  /**
   * The Track API's classic one-call-per-request endpoints ({@code PUT /api/v1/customers/{id}}, {@code
   * POST /api/v1/customers/{id}/events}, ...). Phone identifiers are not available there.
   */
  V1,
  /**
   * The Data Pipelines API ({@code cdp.customer.io/v1}): Segment-style {@code identify}, {@code track}
   * and {@code alias} calls, batched on {@code POST /v1/batch}, people addressed by {@code userId} or
   * {@code anonymousId}, authenticated with a Pipelines API key ({@code pipelines.api.key}).
   */
  PIPELINES;

  /** The setting's value for this version: {@code v2}, {@code v1} or {@code pipelines}. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ApiVersion parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "v1":
      case "1":
        return V1;
      case "v2":
      case "2":
        return V2;
      case "pipelines":
      case "cdp":
        return PIPELINES;
      default:
        throw new IllegalArgumentException("unknown api version '" + text.trim()
            + "': use v2 (Track API batch, the default), v1 (Track API v1) or pipelines (Data Pipelines API)");
    }
  }
}
