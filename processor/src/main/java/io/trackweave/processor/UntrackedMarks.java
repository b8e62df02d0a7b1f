package io.trackweave.processor;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.DeleteObject;
import io.trackweave.annotations.EventTimestamp;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.ObjectId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.RelationshipAttr;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;

/**
 * Warns of a mark on a parameter of (or on) a method that has neither {@code @TrackEvent} nor
 * {@code @IdentifyOn} (nor writes an object): it would otherwise compile silently and send nothing. Payload
 * members carry the same marks legitimately: record components (whose marks javac also copies to the accessor
 * and the canonical constructor's parameters) and getters, none of which takes a parameter, so a method is only
 * suspect when it does.
 */
final class UntrackedMarks {
  /** The annotations that map a value: they mean something only on a method that tracks, identifies or writes an object. */
  private static final List<Class<? extends Annotation>> MARKS = List.of(
      Prop.class, Attr.class, CustomerId.class, AnonymousId.class, EventTimestamp.class, Payload.class,
      ObjectId.class, RelationshipAttr.class);

  private final Reporter reporter;

  UntrackedMarks(Reporter reporter) {
    this.reporter = reporter;
  }

  void warn(RoundEnvironment round) {
    // one scan of the round's elements for all of them, not one per annotation
    Set<? extends Element> marked = round.getElementsAnnotatedWithAny(Set.copyOf(MARKS));
    if (marked.isEmpty()) {
      return;
    }
    for (Class<? extends Annotation> mark : MARKS) {
      for (Element e : marked) {
        if (Reporter.mirror(e, mark.getSimpleName()) == null) {
          continue;
        }
        ExecutableElement method;
        if (e.getKind() == ElementKind.PARAMETER && e.getEnclosingElement().getKind() == ElementKind.METHOD) {
          method = (ExecutableElement) e.getEnclosingElement();
        } else if (e.getKind() == ElementKind.METHOD && !((ExecutableElement) e).getParameters().isEmpty()) {
          method = (ExecutableElement) e;
        } else {
          continue;
        }
        if (method.getAnnotation(TrackEvent.class) != null || method.getAnnotation(IdentifyOn.class) != null
            || method.getAnnotation(IdentifyObject.class) != null || method.getAnnotation(DeleteObject.class) != null) {
          continue;
        }
        String name = mark.getSimpleName();
        String methodName = Message.Part.METHOD.text(method.getEnclosingElement().getSimpleName(), method.getSimpleName());
        reporter.reportAt(Message.MARK_ON_UNTRACKED_METHOD, e, name, null, name,
            e == method ? Message.Part.METHOD_SOURCE.text(methodName) : Binding.describe(e), methodName, methodName,
            name);
      }
    }
  }
}
