/**
 * Metrics and warnings: the ledger of every operation's fate, JMX, paced log lines.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.metrics;
