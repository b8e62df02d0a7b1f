/**
 * Settings: one name in every form (agent argument, system property, environment variable).
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.runtime.internal.config;
