/**
 * The Kafka transport's workings: the factory the runtime finds with {@link java.util.ServiceLoader}, the sender
 * that publishes, and the record format trackweave-relay reads back.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.kafka.internal;
