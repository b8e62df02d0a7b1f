/**
 * The emulator's HTTP side: routes, authentication, request bodies checked against Customer.io's specs.
 *
 * <p>Internal: not for public use; may change in any release.
 */
package io.trackweave.testkit.internal.http;
