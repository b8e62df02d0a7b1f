package io.trackweave.runtime.internal.send;

/**
 * What came back for one request: the status (0 when no answer arrived), {@code Retry-After}, the
 * start of the body (for 207 and error reasons), the exception when the exchange failed, or why a
 * redirect was refused ({@code refusal}; the status is then the redirect's).
 */
public record Answer(int status, String retryAfter, String body, String failure, String refusal) {

  public static Answer failed(String failure) {
    return new Answer(0, null, "", failure, null);
  }

  public static Answer answered(int status, String retryAfter, String body) {
    return new Answer(status, retryAfter, body, null, null);
  }

  /** A redirect that was not followed (see {@link RedirectPolicy}): never retried, never delivered. */
  public static Answer redirectRefused(int status, String refusal) {
    return new Answer(status, null, "", null, refusal);
  }

  public boolean ok() {
    return refusal == null && status >= 200 && status < 300 && status != 207;
  }

  /** Worth another attempt: no answer, 408, 429 or a server error. */
  public boolean retryable() {
    return refusal == null && (status == 0 || status == 408 || status == 429 || status >= 500);
  }

  /** The cause to report, e.g. {@code HTTP 503} or the exception. */
  public String cause() {
    return status == 0 ? failure : "HTTP " + status;
  }
}
