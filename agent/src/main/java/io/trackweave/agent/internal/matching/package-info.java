/**
 * What may be woven, decided without parsing a class: byte checks on a class file ({@code ClassBytes}: may it
 * carry a tracking annotation, was it woven already) and the operator's {@code exclude=} rules
 * ({@code Exclusions}). Plain values with no dependency inside the agent, shared by the load-time transformer,
 * the weaver, the build-time plugin and the agent's arguments.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.matching;
