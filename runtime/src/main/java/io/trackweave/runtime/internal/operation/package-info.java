/**
 * The captured operation and its words ({@code Operation}, {@code Action}, {@code Rejection}, {@code Ulid}) and
 * Customer.io's limits ({@code Limits}): the values every stage shares, kept apart from the stages so that none of
 * them reaches back into another for them.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.operation;
