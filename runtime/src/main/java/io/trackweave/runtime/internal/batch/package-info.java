/**
 * Batching: takes operations off the queue and cuts batches within Customer.io's limits.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.batch;
