/**
 * Plan checks of what the emulator receives.
 *
 * <p>Internal: not for public use; may change in any release.
 */
package io.trackweave.testkit.internal.check;
