/**
 * The emulator's workspace: who is who ({@code IdentityIndex}), what they did ({@code EventStore}), and the
 * operations that change them ({@code Profiles}, {@code EventIntake}, {@code Merges}, {@code ObjectBook}, all
 * entered through {@code Workspace}), kept the way Customer.io keeps them. What users read of it are the views
 * in {@code io.trackweave.testkit.model}.
 *
 * <p>Internal: not for public use; may change in any release.
 */
package io.trackweave.testkit.internal.model;
