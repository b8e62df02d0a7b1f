package io.trackweave.testkit.internal.http;

/**
 * A request (or, inside a batch, one item) that the Track API would refuse.
 *
 * <p>{@code reason} and {@code field} follow the Track API's error objects.
 */
final class BadRequest extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String field;

  BadRequest(String reason, String field, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  static BadRequest missing(String field) {
    return new BadRequest("required", field, "'" + field + "' is required");
  }

  static BadRequest invalid(String field, String message) {
    return new BadRequest("invalid", field, message);
  }

  String reason() {
    return reason;
  }

  String field() {
    return field;
  }
}
