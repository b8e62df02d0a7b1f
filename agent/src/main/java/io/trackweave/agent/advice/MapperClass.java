package io.trackweave.agent.advice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the woven method's generated mapper class as a constant in {@link MapperAdvice}: the woven code
 * loads it with one {@code ldc}, so no lookup happens per call.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MapperClass {}
