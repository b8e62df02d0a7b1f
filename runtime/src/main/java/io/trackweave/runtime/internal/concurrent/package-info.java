/**
 * Threading helpers the runtime's stages share (waiting for their threads when the runtime stops).
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.concurrent;
