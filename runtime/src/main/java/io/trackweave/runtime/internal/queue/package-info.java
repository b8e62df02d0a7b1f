/**
 * The bounded in-memory queue between capture and batching, and its overflow seam.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.queue;
