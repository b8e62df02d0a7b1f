package io.trackweave.runtime.internal.send;

/**
 * Thrown inside a delivery when its sender thread is interrupted (the runtime is closing): what the
 * batch has not settled yet is given up as {@code shutdown}. Checked, so no path can forget it.
 */
final class Interrupted extends Exception {
  Interrupted() {
    super(null, null, false, false);
  }
}
