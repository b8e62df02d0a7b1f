package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns an object's record components (or getters) into event properties ({@link TrackEvent}) or person
 * attributes ({@link IdentifyOn}). On a parameter it maps that argument; on the method it maps the return
 * value. Names go from camelCase to snake_case unless renamed with {@link Prop} or {@link Attr}; a
 * component marked {@link NotTracked} is left out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface Payload {}
