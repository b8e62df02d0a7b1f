package io.trackweave.processor.model;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The Trackweave annotations found on one element (a parameter, a method, a record component, a getter or
 * its field). Read from annotation mirrors in one pass, without reflection proxies.
 *
 * @param prop the {@code @Prop} value ("" for the default name), or null when absent
 * @param attr the {@code @Attr} value ("" for the default name), or null when absent
 * @param nonNull a nullness annotation says the value is never null ({@code @NonNull}, {@code @NotNull}, ...)
 * @param objectId {@code @ObjectId}: the id of the object an {@code @IdentifyObject}/{@code @DeleteObject} writes
 * @param relationshipAttr the {@code @RelationshipAttr} value ("" for the default name), or null when absent
 */
public record Marks(
    String prop,
    String attr,
    boolean payload,
    boolean customerId,
    boolean anonymousId,
    boolean eventTimestamp,
    boolean notTracked,
    boolean nonNull,
    boolean objectId,
    String relationshipAttr) {

  public static final Marks NONE = new Marks(null, null, false, false, false, false, false, false, false, null);

  private static final String PKG = "io.trackweave.annotations.";

  /** The marks of {@code element}, with type-use nullness annotations of {@code type} (may be null). */
  public static Marks of(Element element, TypeMirror type) {
    Marks marks = NONE;
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      marks = marks.with(mirror);
    }
    if (type != null) {
      for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
        marks = marks.with(mirror);
      }
    }
    return marks;
  }

  /** Both elements' marks together (a getter and the field behind it). */
  public Marks merge(Marks other) {
    return new Marks(
        prop != null ? prop : other.prop,
        attr != null ? attr : other.attr,
        payload || other.payload,
        customerId || other.customerId,
        anonymousId || other.anonymousId,
        eventTimestamp || other.eventTimestamp,
        notTracked || other.notTracked,
        nonNull || other.nonNull,
        objectId || other.objectId,
        relationshipAttr != null ? relationshipAttr : other.relationshipAttr);
  }

  /** True when the element says who the person is, when the event happened, or which object is written. */
  public boolean personOrTime() {
    return customerId || anonymousId || eventTimestamp || objectId;
  }

  private Marks with(AnnotationMirror mirror) {
    TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
    String name = annotation.getQualifiedName().toString();
    if (!name.startsWith(PKG)) {
      String simple = annotation.getSimpleName().toString();
      // any framework's spelling: javax/jakarta/jspecify/checker/lombok/spring/...
      if (simple.equals("NonNull") || simple.equals("Nonnull") || simple.equals("NotNull")
          || simple.equals("NotBlank") || simple.equals("NotEmpty")) {
        return new Marks(prop, attr, payload, customerId, anonymousId, eventTimestamp, notTracked, true, objectId,
            relationshipAttr);
      }
      return this;
    }
    String p = prop;
    String a = attr;
    boolean pl = payload;
    boolean c = customerId;
    boolean an = anonymousId;
    boolean t = eventTimestamp;
    boolean n = notTracked;
    boolean o = objectId;
    String r = relationshipAttr;
    switch (name.substring(PKG.length())) {
      case "Prop" -> p = value(mirror);
      case "Attr" -> a = value(mirror);
      case "Payload" -> pl = true;
      case "CustomerId" -> c = true;
      case "AnonymousId" -> an = true;
      case "EventTimestamp" -> t = true;
      case "NotTracked" -> n = true;
      case "ObjectId" -> o = true;
      case "RelationshipAttr" -> r = value(mirror);
      default -> {
        return this;
      }
    }
    return new Marks(p, a, pl, c, an, t, n, nonNull, o, r);
  }

  private static String value(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals("value")) {
        return String.valueOf(e.getValue().getValue());
      }
    }
    return "";
  }
}
