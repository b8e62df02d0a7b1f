/**
 * The agent's logger ({@code AgentLog}, logger name {@code io.trackweave.agent}), looked up late so that premain
 * never initialises a logging back end. Below every other package of the agent: it uses none of them, and all of
 * them may use it.
 *
 * <p>Internal: not for public use; may change in any release. Only Trackweave's own modules use it.
 */
package io.trackweave.agent.internal.log;
