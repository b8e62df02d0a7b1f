package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tracks a Customer.io event each time the annotated method completes.
 *
 * <pre>{@code
 * @TrackEvent("order_completed")
 * public Order confirmPayment(@CustomerId String customerId, @Payload Order order) { ... }
 * }</pre>
 *
 * <p>The event name must be an event of the tracking plan; the processor checks the mapped properties
 * against that event's schema at compile time. The person comes from {@link CustomerId} (an identified
 * event) or, when no customer id is known, from {@link AnonymousId} (an anonymous event).
 *
 * <p>When the method returns a {@link java.util.concurrent.CompletionStage}, the event fires when the stage
 * completes, with the stage's value standing in for the return value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME) // the agent's fallback path reads it from classes compiled without the processor
@Target(ElementType.METHOD)
public @interface TrackEvent {
  /** The event name, as the tracking plan spells it (lowercase snake_case). */
  String value();

  /** When the event fires: after a normal return (the default), when the method throws, or both. */
  Fire on() default Fire.RETURN;
}
