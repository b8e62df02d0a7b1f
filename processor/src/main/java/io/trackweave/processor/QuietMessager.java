package io.trackweave.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Passes errors on and drops the rest: what {@link TrackweaveProcessor.IndexKeeper} reports through. Its errors
 * still count; its warnings (e.g. "no tracking plan") belong to compilations that track.
 */
record QuietMessager(Messager messager) implements Messager {
  @Override
  public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
    if (kind == Diagnostic.Kind.ERROR) {
      messager.printMessage(kind, msg);
    }
  }

  @Override
  public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
    if (kind == Diagnostic.Kind.ERROR) {
      messager.printMessage(kind, msg, e);
    }
  }

  @Override
  public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a) {
    if (kind == Diagnostic.Kind.ERROR) {
      messager.printMessage(kind, msg, e, a);
    }
  }

  @Override
  public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e, AnnotationMirror a,
      AnnotationValue v) {
    if (kind == Diagnostic.Kind.ERROR) {
      messager.printMessage(kind, msg, e, a, v);
    }
  }
}
