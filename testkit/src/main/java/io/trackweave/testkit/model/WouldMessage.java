package io.trackweave.testkit.model;

import java.time.Instant;

/**
 * A message Customer.io would have sent at a journey step.
 *
 * @param step the step's index in the journey, from 0
 * @param message the message's name, as the plan declares it
 * @param at when it would have been sent: the trigger's arrival plus the waits up to this step
 */
public record WouldMessage(int step, String message, Instant at) {}
