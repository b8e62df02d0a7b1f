package io.trackweave.processor.diagnostic;

import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Sends {@link Message}s to javac, attached to the element they concern (and, where one is to blame, to the
 * Trackweave annotation or the annotation value on it, as MapStruct does), and counts the errors.
 */
public final class Reporter {
  private static final String ANNOTATIONS = "io.trackweave.annotations.";

  private final Messager messager;
  private int errors;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports on {@code element}; with a null element the message stands alone (e.g. a plan file error). */
  public void report(Message message, Element element, Object... args) {
    report(message.kind(), message, element, args);
  }

  /**
   * Reports {@code message} as {@code kind} instead of its own kind, for a check whose severity the build
   * chooses (e.g. {@code -Atrackweave.nullableRequired=error}).
   */
  public void report(Diagnostic.Kind kind, Message message, Element element, Object... args) {
    print(kind, message.format(args), element, null, null);
  }

  /**
   * Reports on the Trackweave annotation {@code annotation} (simple name, e.g. {@code "TrackEvent"}) of
   * {@code element}, at its member {@code member} when the source writes one (e.g. the event name in
   * {@code @TrackEvent("order_complete")}); on the annotation when the member is left at its default; on the
   * element when the annotation is not on it (e.g. it sits on the field behind a getter).
   */
  public void reportAt(Message message, Element element, String annotation, String member, Object... args) {
    reportAt(message.kind(), message, element, annotation, member, args);
  }

  /** As {@link #reportAt(Message, Element, String, String, Object...)}, as {@code kind}. */
  public void reportAt(Diagnostic.Kind kind, Message message, Element element, String annotation, String member,
      Object... args) {
    AnnotationMirror mirror = element == null ? null : mirror(element, annotation);
    AnnotationValue value = mirror == null || member == null ? null : value(mirror, member);
    print(kind, message.format(args), element, mirror, value);
  }

  private void print(Diagnostic.Kind kind, String text, Element element, AnnotationMirror mirror,
      AnnotationValue value) {
    if (kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
    if (element == null) {
      messager.printMessage(kind, text);
    } else if (mirror == null) {
      messager.printMessage(kind, text, element);
    } else if (value == null) {
      messager.printMessage(kind, text, element, mirror);
    } else {
      messager.printMessage(kind, text, element, mirror, value);
    }
  }

  /** The Trackweave annotation of that simple name on the element, or null. */
  public static AnnotationMirror mirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(ANNOTATIONS + annotation)) {
        return mirror;
      }
    }
    return null;
  }

  /** The value the source writes for {@code member}, or null when it is left at its default. */
  private static AnnotationValue value(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Errors reported so far; compare before and after a step to know whether it failed. */
  public int errors() {
    return errors;
  }
}
