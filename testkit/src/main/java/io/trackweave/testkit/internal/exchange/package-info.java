/**
 * Writing answers on the emulator's HTTP exchanges, and its one JSON mapper. Both the Track API ({@code
 * internal.http}) and the activity page ({@code internal.activity}) answer through it, so it sits below both:
 * the API logs its calls into the activity log, and the page never reaches back into the API.
 *
 * <p>Internal: not for public use; may change in any release.
 */
package io.trackweave.testkit.internal.exchange;
