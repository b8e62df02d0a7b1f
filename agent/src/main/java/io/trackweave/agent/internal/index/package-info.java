/**
 * The processor's {@code META-INF/trackweave/index}: its entries, its parser, and each class loader's index read
 * once and cached. Uses only {@code internal.log}.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.index;
