package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a parameter (or a component, getter or field of a {@link Payload}) an attribute of the
 * relationship between the person and the object that {@link IdentifyObject#relate()} creates, e.g. the
 * person's {@code role} in an account. It must be listed under the object type's {@code relationship} in
 * the tracking plan. Without a name, the Java name is converted from camelCase to snake_case.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface RelationshipAttr {
  /** The relationship attribute's name in the plan; empty means the snake_case form of the Java name. */
  String value() default "";
}
