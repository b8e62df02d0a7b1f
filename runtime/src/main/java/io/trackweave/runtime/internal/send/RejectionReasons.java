package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What calls rejected by a whole answer (a 4xx, a refused redirect) are recorded as: the reason the
 * ledger counts them under, and the message its rate-limited warning shows, in Customer.io's words and
 * with what to check. Per-item rejections of a 207 are {@link ItemErrors}'.
 */
final class RejectionReasons {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  static final String UNAUTHORIZED_MESSAGE =
      "Customer.io answered 401 Unauthorized: check CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY"
          + " (or trackweave.site.id / trackweave.api.key); they must be a Track API site id and key"
          + " of the same workspace, and the region (TRACKWEAVE_REGION) must be the workspace's";
  static final String PIPELINES_UNAUTHORIZED_MESSAGE =
      "Customer.io answered 401 Unauthorized: check CUSTOMERIO_PIPELINES_API_KEY (or"
          + " trackweave.pipelines.api.key); it must be the API key of the workspace's Customer.io API"
          + " (Pipelines) integration, not a Track API key, and the region (TRACKWEAVE_REGION) must be the"
          + " workspace's";

  private final ApiVersion apiVersion;
  /** Shared by the runtime's senders: the 401 is logged at once, but once. */
  private final AtomicBoolean unauthorizedLogged;

  RejectionReasons(ApiVersion apiVersion, AtomicBoolean unauthorizedLogged) {
    this.apiVersion = apiVersion;
    this.unauthorizedLogged = unauthorizedLogged;
  }

  static String reasonFor(Answer answer) {
    return answer.refusal() != null ? RedirectPolicy.REASON : reasonFor(answer.status());
  }

  static String reasonFor(int status) {
    switch (status) {
      case 400:
        return "bad_request";
      case 401:
        return "unauthorized";
      case 403:
        return "forbidden";
      case 404:
        return "not_found";
      case 413:
        return "payload_too_large";
      default:
        return "http_" + status;
    }
  }

  String messageFor(Answer answer) {
    // every rejection is summarised (rate-limited, with this message) by the ledger's warning; only the
    // 401 is also logged at once, since no call can succeed until the credentials are fixed
    if (answer.refusal() != null) {
      return answer.refusal();
    }
    if (answer.status() == 401) {
      String message = apiVersion == ApiVersion.PIPELINES ? PIPELINES_UNAUTHORIZED_MESSAGE : UNAUTHORIZED_MESSAGE;
      if (unauthorizedLogged.compareAndSet(false, true)) {
        LOG.log(Level.ERROR, "Trackweave: " + message);
      }
      return message;
    }
    String body = answer.body() == null ? "" : answer.body().strip();
    if (body.length() > 500) {
      body = body.substring(0, 500) + "...";
    }
    String message = "Customer.io answered HTTP " + answer.status() + (body.isEmpty() ? "" : ": " + body);
    if (answer.status() == 403) {
      message += apiVersion == ApiVersion.PIPELINES
          ? " (is this the Pipelines API key of this workspace's Customer.io API integration?)"
          : " (is this a Track API key of this workspace? App API keys do not work here)";
    }
    return message;
  }
}
