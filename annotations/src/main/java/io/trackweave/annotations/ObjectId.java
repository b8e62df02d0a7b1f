package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks where the id of the object an {@link IdentifyObject} or {@link DeleteObject} method writes comes
 * from: a parameter, the method (its return value), or a record component, getter or field of a
 * {@link Payload} or of the return value. Its {@code toString()} is sent for non-strings.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface ObjectId {}
