package io.trackweave.processor.check;

import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.Binding.Role;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.Accessibility;
import io.trackweave.processor.model.Shapes;
import io.trackweave.processor.model.TypeNames;
import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Checks where a method's values come from, as the generated mapper reads them: a parameter or the return
 * value by its declared type, and the sources that exist once per call (the customer id, the anonymous id,
 * the event time, the object id).
 */
final class SourceChecker {
  private static final Set<Kind> IDENTIFIER_KINDS =
      EnumSet.of(Kind.STRING, Kind.TO_STRING, Kind.CHAR, Kind.CHAR_BOX, Kind.INT, Kind.INT_BOX, Kind.BIG_INTEGER, Kind.ANY);
  private static final Set<Kind> TIMESTAMP_KINDS = EnumSet.of(Kind.INSTANT, Kind.OFFSET_TIME, Kind.INT, Kind.INT_BOX);

  private final Shapes shapes;
  private final Accessibility access;
  private final Reporter reporter;

  SourceChecker(Shapes shapes, Accessibility access, Reporter reporter) {
    this.shapes = shapes;
    this.access = access;
    this.reporter = reporter;
  }

  /** The mapper reads the root (a parameter or the result) by its declared type: it must be nameable there. */
  void root(MethodModel m, Binding b) {
    TypeMirror root = b.fromResult() ? m.resultType() : m.method().getParameters().get(b.root()).asType();
    Element where = b.fromResult() ? m.method() : m.method().getParameters().get(b.root());
    if (root.getKind() != TypeKind.TYPEVAR && containsTypeVariable(root)) {
      // capitalised as every message that starts with what it is about ("Property 'x' of ...", "Parameter 'x': ...")
      reporter.report(Message.UNSUPPORTED_TYPE, where, Part.capitalized(Binding.describe(where)),
          TypeNames.display(root), Part.GENERIC_FROM_TYPE_VARIABLES.text(), ValueChecker.dropFix(where).text());
    } else if (!access.accessibleFrom(shapes.types().erasure(root), m.packageName())) {
      reporter.report(Message.NOT_ACCESSIBLE, where, Part.capitalized(Binding.describe(where)), TypeNames.display(root),
          m.packageName());
    }
  }

  private static boolean containsTypeVariable(TypeMirror t) {
    switch (t.getKind()) {
      case TYPEVAR:
        return true;
      case ARRAY:
        return containsTypeVariable(((ArrayType) t).getComponentType());
      case WILDCARD:
        WildcardType w = (WildcardType) t;
        return (w.getExtendsBound() != null && containsTypeVariable(w.getExtendsBound()))
            || (w.getSuperBound() != null && containsTypeVariable(w.getSuperBound()));
      case DECLARED:
        for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
          if (containsTypeVariable(arg)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  /**
   * The one source of {@code role}, or null when there is none; every further one is reported on its
   * {@code @annotation}.
   *
   * @param what the value as messages name it, e.g. {@code the customer id}
   */
  Binding unique(MethodModel m, Role role, String annotation, String what) {
    Binding first = null;
    for (Binding b : m.bindings()) {
      if (b.role() != role) {
        continue;
      }
      if (first == null) {
        first = b;
      } else {
        reporter.reportAt(Message.TWO_SOURCES, b.element(), annotation, null, annotation, b.describe(), what,
            first.describe(), annotation);
      }
    }
    return first;
  }

  /** An identifier (a person's or an object's; null: none) is sent as a string, so it must be a scalar. */
  void identifier(Binding b, String annotation) {
    if (b != null && !IDENTIFIER_KINDS.contains(shapes.of(b.type()).kind())) {
      reporter.report(Message.CUSTOMER_ID_NOT_SCALAR, b.element(), annotation, b.describe(),
          TypeNames.display(b.type()));
    }
  }

  /** The event time (null: none, so "now") must be a time or a long of unix seconds. */
  void timestamp(Binding timestamp) {
    if (timestamp != null && !TIMESTAMP_KINDS.contains(shapes.of(timestamp.type()).kind())) {
      reporter.report(Message.TIMESTAMP_TYPE, timestamp.element(), timestamp.describe(),
          TypeNames.display(timestamp.type()));
    }
  }
}
