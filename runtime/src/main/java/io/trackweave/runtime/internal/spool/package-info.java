/**
 * The disk spool: spills, replays after an outage or a restart, survives kill -9.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.spool;
