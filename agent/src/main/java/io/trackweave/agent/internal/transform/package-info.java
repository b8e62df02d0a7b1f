/**
 * The load-time path: the agent's one {@code ClassFileTransformer}, which answers "not mine" cheaply for every
 * class the index does not name, the lazily created weaver it hands the others to ({@code Weaving}), and the
 * count of what it wove ({@code WeaveCount}). Drives {@code internal.advice}; uses {@code internal.index},
 * {@code internal.matching}, {@code internal.fallback} and {@code internal.log}.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.transform;
