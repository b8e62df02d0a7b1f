/**
 * Sending: HTTP and other transports, retries, rate limit, partial results.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.send;
