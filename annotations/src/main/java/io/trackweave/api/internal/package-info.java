/**
 * What generated mappers and woven code call (dispatch, mapper helpers, property-name rules).
 *
 * <p>Internal: not for public use; may change in any release. Only code that trackweave-processor
 * generates and Trackweave's own modules use it.
 */
package io.trackweave.api.internal;
