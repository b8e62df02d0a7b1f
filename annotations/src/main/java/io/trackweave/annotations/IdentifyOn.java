package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Identifies the person (creates or updates their profile) each time the annotated method returns.
 *
 * <pre>{@code
 * @IdentifyOn
 * public Customer register(@CustomerId String id, @Attr("email") String email,
 *                          @Attr("sms_opt_in") boolean smsOptIn) { ... }
 * }</pre>
 *
 * <p>Every {@link Attr} (and every component of a {@link Payload}) must be an attribute of the tracking
 * plan. When the method also knows the guest's {@link AnonymousId}, the identify carries it, and Customer.io
 * merges the guest's anonymous events into the person.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdentifyOn {
  /**
   * Update existing people only, never create a profile (Customer.io's {@code _update}). Use it where a
   * method may run for people Customer.io should not know about yet.
   */
  boolean updateOnly() default false;

  /** When the identify is sent; after a normal return by default. */
  Fire on() default Fire.RETURN;
}
