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
 */
public record Marks(
    String prop,
    String attr,
    boolean payload,
    boolean customerId,
    boolean anonymousId,
    boolean eventTimestamp,
    boolean notTracked,
    boolean nonNull) {

  public static final Marks NONE = new Marks(null, null, false, false, false, false, false, false);

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
        nonNull || other.nonNull);
  }

  /** True when the element says who the person is or when the event happened. */
  public boolean personOrTime() {
    return customerId || anonymousId || eventTimestamp;
  }

  private Marks with(AnnotationMirror mirror) {
    TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
    String name = annotation.getQualifiedName().toString();
    if (!name.startsWith(PKG)) {
      String simple = annotation.getSimpleName().toString();
      // any framework's spelling: javax/jakarta/jspecify/checker/lombok/spring/...
      if (simple.equals("NonNull") || simple.equals("Nonnull") || simple.equals("NotNull")
          || simple.equals("NotBlank") || simple.equals("NotEmpty")) {
        return new Marks(prop, attr, payload, customerId, anonymousId, eventTimestamp, notTracked, true);
      }
      return this;
    }
    switch (name.substring(PKG.length())) {
      case "Prop":
        return new Marks(value(mirror), attr, payload, customerId, anonymousId, eventTimestamp, notTracked, nonNull);
      case "Attr":
        return new Marks(prop, value(mirror), payload, customerId, anonymousId, eventTimestamp, notTracked, nonNull);
      case "Payload":
        return new Marks(prop, attr, true, customerId, anonymousId, eventTimestamp, notTracked, nonNull);
      case "CustomerId":
        return new Marks(prop, attr, payload, true, anonymousId, eventTimestamp, notTracked, nonNull);
      case "AnonymousId":
        return new Marks(prop, attr, payload, customerId, true, eventTimestamp, notTracked, nonNull);
      case "EventTimestamp":
        return new Marks(prop, attr, payload, customerId, anonymousId, true, notTracked, nonNull);
      case "NotTracked":
        return new Marks(prop, attr, payload, customerId, anonymousId, eventTimestamp, true, nonNull);
      default:
        return this;
    }
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
