package io.trackweave.testkit.model;

import java.time.Instant;

/**
 * A trigger event that did not enrol its person, and why: the event is too old to trigger, the person is not
 * in the journey's segment, already went through it once, or is in it now.
 */
public record DeclinedTrigger(String journey, PersonRef person, DecidingEvent event, String reason, Instant at) {}
