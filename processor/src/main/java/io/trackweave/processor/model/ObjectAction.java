package io.trackweave.processor.model;

/**
 * What an annotated method does to a Customer.io object: {@code @IdentifyObject} or {@code @DeleteObject}.
 *
 * @param kind identify (create or update) or delete
 * @param type the plan's name of the object type, as the annotation spells it
 * @param relate {@code @IdentifyObject(relate = true)}: the method's person is related to the object
 */
public record ObjectAction(Kind kind, String type, boolean relate) {
  /** The two object calls an annotation makes. */
  public enum Kind {
    IDENTIFY("IdentifyObject"),
    DELETE("DeleteObject");

    private final String annotation;

    Kind(String annotation) {
      this.annotation = annotation;
    }

    /** The annotation's simple name, for messages and for finding it on the method. */
    public String annotation() {
      return annotation;
    }
  }
}
