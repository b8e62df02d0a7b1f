package io.trackweave.processor;

import io.trackweave.annotations.DeleteObject;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.TrackEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The methods each round asks to map: those annotated with {@code @TrackEvent}, {@code @IdentifyOn},
 * {@code @IdentifyObject} or {@code @DeleteObject} in it, and those an earlier round put off because their
 * signature named a type that did not exist yet (one another processor generates).
 */
final class AnnotatedMethods {
  private final Elements elements;
  private final List<Deferred> deferred = new ArrayList<>();

  AnnotatedMethods(Elements elements) {
    this.elements = elements;
  }

  /** Whether an earlier round put a method off: this round must look again even with no annotation in it. */
  boolean anyDeferred() {
    return !deferred.isEmpty();
  }

  /** The methods put off earlier and found again, then this round's annotated ones; each once, in that order. */
  Set<ExecutableElement> of(RoundEnvironment round) {
    Set<ExecutableElement> methods = new LinkedHashSet<>();
    for (Deferred d : deferred) {
      ExecutableElement again = d.find(elements);
      if (again != null) {
        methods.add(again);
      }
    }
    deferred.clear();
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(TrackEvent.class)));
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(IdentifyOn.class)));
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(IdentifyObject.class)));
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(DeleteObject.class)));
    return methods;
  }

  /**
   * Puts {@code method} off to the next round when its signature names a type not generated yet (another
   * processor's, this round); never in the last round, where the checker reports the missing type instead.
   *
   * @return whether it was put off
   */
  boolean deferIfUnresolved(ExecutableElement method, RoundEnvironment round) {
    if (round.processingOver() || !Deferred.unresolved(method)) {
      return false;
    }
    deferred.add(Deferred.of(method));
    return true;
  }

  /**
   * A method whose signature names a type that does not exist yet. Elements are not carried across
   * rounds; the method is found again by its owner's name, its name and its parameter names.
   */
  private record Deferred(String owner, String name, List<String> parameters) {
    static Deferred of(ExecutableElement method) {
      List<String> parameters = new ArrayList<>();
      method.getParameters().forEach(p -> parameters.add(p.getSimpleName().toString()));
      return new Deferred(((TypeElement) method.getEnclosingElement()).getQualifiedName().toString(),
          method.getSimpleName().toString(), parameters);
    }

    ExecutableElement find(Elements elements) {
      TypeElement type = elements.getTypeElement(owner);
      if (type == null) {
        return null;
      }
      for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(name) && m.getParameters().size() == parameters.size()) {
          boolean same = true;
          for (int i = 0; i < parameters.size() && same; i++) {
            same = m.getParameters().get(i).getSimpleName().contentEquals(parameters.get(i));
          }
          if (same) {
            return m;
          }
        }
      }
      return null;
    }

    static boolean unresolved(ExecutableElement method) {
      for (VariableElement p : method.getParameters()) {
        if (hasError(p.asType())) {
          return true;
        }
      }
      return hasError(method.getReturnType());
    }

    private static boolean hasError(TypeMirror t) {
      switch (t.getKind()) {
        case ERROR:
          return true;
        case ARRAY:
          return hasError(((ArrayType) t).getComponentType());
        case DECLARED:
          for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
            if (hasError(arg)) {
              return true;
            }
          }
          return false;
        default:
          return false;
      }
    }
  }
}
