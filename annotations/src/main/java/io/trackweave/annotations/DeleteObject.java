package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Deletes a Customer.io object (Track API {@code object_delete}) each time the annotated method returns
 * normally; its id comes from {@link ObjectId}.
 *
 * <pre>{@code
 * @DeleteObject("subscription")
 * public void purge(@ObjectId String subscriptionId) { ... }
 * }</pre>
 *
 * <p>The type must be an object type of the tracking plan's {@code objects} section.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DeleteObject {
  /** The object type, as the tracking plan's {@code objects} section names it (lowercase snake_case). */
  String value();
}
