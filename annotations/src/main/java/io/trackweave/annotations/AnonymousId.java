package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks where a guest's anonymous id comes from (a parameter, or a component, getter or field of a
 * {@link Payload} or of the return value). On a {@link TrackEvent} with no {@link CustomerId} (or whose
 * customer id is null at run time) the event is sent as an anonymous event; on an {@link IdentifyOn} it
 * merges the guest's earlier anonymous events into the identified person.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface AnonymousId {}
