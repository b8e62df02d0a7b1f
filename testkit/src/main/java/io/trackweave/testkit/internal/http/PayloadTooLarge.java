package io.trackweave.testkit.internal.http;

/** A request body beyond the Track API's limit. */
final class PayloadTooLarge extends Exception {
  private static final long serialVersionUID = 1L;

  PayloadTooLarge(String message) {
    super(message, null, false, false);
  }
}
