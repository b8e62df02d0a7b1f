/**
 * The emulator's activity log and the page that shows it.
 *
 * <p>Internal: not for public use; may change in any release.
 */
package io.trackweave.testkit.internal.activity;
