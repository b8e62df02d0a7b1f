/**
 * Encoding: operations to the Track API v1/v2 and Data Pipelines wire formats.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.encode;
