package io.trackweave.runtime.send;

/**
 * What came back for one request: the status (0 when no answer arrived), {@code Retry-After}, the
 * start of the body (for 207 and error reasons), or the exception when the exchange failed.
 */
public record Answer(int status, String retryAfter, String body, String failure) {

  public static Answer failed(String failure) {
    return new Answer(0, null, "", failure);
  }

  public boolean ok() {
    return status >= 200 && status < 300 && status != 207;
  }

  /** Worth another attempt: no answer, 408, 429 or a server error. */
  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }

  /** The cause to report, e.g. {@code HTTP 503} or the exception. */
  public String cause() {
    return status == 0 ? failure : "HTTP " + status;
  }
}
