package io.trackweave.testkit.internal.model;

/**
 * What applying one operation did, for the call log.
 *
 * @param changed false when the operation was dropped or ignored
 * @param note what happened, in words (e.g. {@code duplicate event id ... dropped})
 */
public record Applied(boolean changed, String note) {
  static Applied done(String note) {
    return new Applied(true, note);
  }

  static Applied ignored(String note) {
    return new Applied(false, note);
  }
}
