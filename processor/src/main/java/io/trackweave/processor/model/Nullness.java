package io.trackweave.processor.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a source may be null, as the code says it: JSpecify ({@code @NonNull}, {@code @Nullable},
 * {@code @NullMarked}/{@code @NullUnmarked} on the enclosing class or package) and the common spellings of
 * other libraries, recognised by simple name so that no nullness library is needed on the processor's path.
 */
public final class Nullness {
  private Nullness() {}

  /**
   * True when the source cannot be null: it carries a non-null annotation ({@code marked}, see
   * {@link Marks#nonNull()}), or it sits in a {@code @NullMarked} scope and is not annotated {@code @Nullable}.
   */
  public static boolean nonNull(Element element, TypeMirror type, boolean marked) {
    if (marked) {
      return true;
    }
    if (named(element.getAnnotationMirrors(), "Nullable") || (type != null && named(type.getAnnotationMirrors(), "Nullable"))) {
      return false;
    }
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (named(e.getAnnotationMirrors(), "NullUnmarked")) {
        return false;
      }
      if (named(e.getAnnotationMirrors(), "NullMarked")) {
        return true;
      }
    }
    return false;
  }

  private static boolean named(java.util.List<? extends AnnotationMirror> mirrors, String simpleName) {
    for (AnnotationMirror mirror : mirrors) {
      if (mirror.getAnnotationType().asElement().getSimpleName().contentEquals(simpleName)
          || (simpleName.equals("Nullable") && mirror.getAnnotationType().asElement().getSimpleName().contentEquals("CheckForNull"))) {
        return true;
      }
    }
    return false;
  }
}
