package io.trackweave.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Creates or updates a Customer.io object (an account, a subscription, an order) each time the annotated
 * method returns normally, and with {@link #relate()} relates the method's person to it.
 *
 * <pre>{@code
 * @IdentifyObject(value = "subscription", relate = true)
 * public Subscription subscribe(@CustomerId String customerId, @ObjectId String subscriptionId,
 *                               @Attr("plan") Plan plan, @RelationshipAttr("role") String role) { ... }
 * }</pre>
 *
 * <p>The type must be an object type of the tracking plan ({@code objects:}); the generated mapper sends
 * Customer.io's {@code object_type_id} from the plan, so code names the type, never the number. The
 * object's id comes from {@link ObjectId}; every {@link Attr} (and, when the method does not also track
 * an event, every component of a {@link Payload}) must be an attribute of that type, and every
 * {@link RelationshipAttr} an attribute of its {@code relationship}. On a method that also identifies the
 * person ({@link IdentifyOn}) an {@link Attr} would be ambiguous, so the two do not go together.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IdentifyObject {
  /** The object type, as the tracking plan's {@code objects} section names it (lowercase snake_case). */
  String value();

  /**
   * Also relate the method's {@link CustomerId} person to the object, in the same call (Customer.io's
   * {@code cio_relationships}), with the {@link RelationshipAttr} values as the relationship's attributes.
   */
  boolean relate() default false;
}
