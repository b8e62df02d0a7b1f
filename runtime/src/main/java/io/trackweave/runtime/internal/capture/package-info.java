/**
 * Capture: the caller's path (checks, dedupe, enqueue); no I/O, never blocks.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.capture;
