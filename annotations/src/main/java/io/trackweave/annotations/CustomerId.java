package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks where the person's identifier comes from: a parameter, or a record component, getter or field of
 * a {@link Payload} object or of the return value. The value is sent as the plan's {@code identifier}
 * ({@code id}, {@code email} or {@code cio_id}); its {@code toString()} is used for non-strings.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface CustomerId {}
