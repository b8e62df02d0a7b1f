package io.trackweave.processor.model;

import io.trackweave.processor.diagnostic.Message.Part;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One value the mapper reads, and what it becomes: a property, an attribute, the person's ids or the event
 * time.
 *
 * @param role what the value becomes
 * @param name the property, attribute or relationship attribute name (snake_case); null for the other roles
 * @param explicit the name or role was written on the element ({@code @Prop}, {@code @Attr}), not implied
 *     by a {@code @Payload}
 * @param element where diagnostics go
 * @param type the value's Java type
 * @param root the parameter (0-based) the value comes from, or {@link #RESULT} for the return value
 * @param member the payload member read from the root, or null when the root itself is the value
 * @param nonNull the source says it is never null
 */
public record Binding(
    Role role,
    String name,
    boolean explicit,
    Element element,
    TypeMirror type,
    int root,
    Member member,
    boolean nonNull) {

  /** {@link #root} of a value read from the method's return value. */
  public static final int RESULT = -1;

  /** What a value becomes. */
  public enum Role {
    PROPERTY,
    ATTRIBUTE,
    CUSTOMER_ID,
    ANONYMOUS_ID,
    TIMESTAMP,
    /** The id of the object an {@code @IdentifyObject} or {@code @DeleteObject} writes. */
    OBJECT_ID,
    /** An attribute of the person-to-object relationship ({@code @RelationshipAttr}). */
    RELATIONSHIP_ATTRIBUTE
  }

  public boolean fromResult() {
    return root == RESULT;
  }

  /** How a message names the source: {@code parameter 'order'}, {@code component 'orderId' of Order}. */
  public String describe() {
    return describe(element);
  }

  public static String describe(Element element) {
    return switch (element.getKind()) {
      case PARAMETER -> Part.PARAMETER.text(element.getSimpleName());
      // a record component, or the field behind it (javac 17 has a source position only for the field); other
      // classes' members are read through their getters, so no other field is ever a source
      case RECORD_COMPONENT, FIELD -> element.getEnclosingElement().getKind() == javax.lang.model.element.ElementKind.RECORD
          || element.getKind() == javax.lang.model.element.ElementKind.RECORD_COMPONENT
          ? Part.COMPONENT.text(element.getSimpleName(), element.getEnclosingElement().getSimpleName())
          : other(element);
      case METHOD -> Part.METHOD_SOURCE.text(
          Part.METHOD.text(element.getEnclosingElement().getSimpleName(), element.getSimpleName()));
      default -> other(element);
    };
  }

  /** No source is of any other kind today; should one be, it is still named, e.g. {@code field 'total'}. */
  private static String other(Element element) {
    return Part.OTHER_SOURCE.text(element.getKind().name().toLowerCase(java.util.Locale.ROOT), element.getSimpleName());
  }
}
