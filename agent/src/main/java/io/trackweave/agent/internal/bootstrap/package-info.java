/**
 * The agent's start: its arguments, the extension jars, the tracker that buffers until the runtime runs, and the
 * runtime's start on a daemon thread (the one place that touches the relocated runtime). Uses
 * {@code internal.matching} (the {@code exclude=} rules it parses), {@code internal.transform} (the count for the
 * start-up line) and {@code internal.log}; only {@code TrackweaveAgent} uses it.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.bootstrap;
