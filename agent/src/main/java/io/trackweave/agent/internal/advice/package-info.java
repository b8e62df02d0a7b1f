/**
 * The weaver: one class's bytes in, woven bytes out, with ASM alone ({@code ClassWeaver}, the {@code WeavePlan}
 * of what to weave, the {@code ExitDispatchWeaver} that writes the dispatch on every exit) and the
 * {@code WeavingListener} that hears what happened. Shared by the load-time transformer and the build-time
 * plugin. Uses {@code internal.index}, {@code internal.matching}, {@code internal.fallback} (its report) and
 * {@code internal.log}; never the stages that drive it.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.advice;
