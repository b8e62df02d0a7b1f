package io.trackweave.processor.write;

import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.ValueNode;
import io.trackweave.processor.check.Write;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.Shapes;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The javac lint warnings a mapper's code would raise because of the user's own types (raw types it must
 * spell as the method does, deprecated types and accessors it must read), so the class suppresses exactly
 * those and a build with {@code -Werror} stays green.
 */
final class Suppressions {
  private final Shapes shapes;

  Suppressions(Shapes shapes) {
    this.shapes = shapes;
  }

  /** Whether a parameter or the result is of a raw generic type, which javac's -Xlint:rawtypes flags. */
  boolean rawTypes(MethodModel m) {
    for (VariableElement p : m.method().getParameters()) {
      if (raw(p.asType())) {
        return true;
      }
    }
    return m.resultType() != null && raw(m.resultType());
  }

  private static boolean raw(TypeMirror t) {
    if (t.getKind() == TypeKind.ARRAY) {
      return raw(((ArrayType) t).getComponentType());
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType d = (DeclaredType) t;
    if (d.getTypeArguments().isEmpty()
        && !((TypeElement) d.asElement()).getTypeParameters().isEmpty()) {
      return true;
    }
    for (TypeMirror arg : d.getTypeArguments()) {
      if (raw(arg)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the mapper names a deprecated type or calls a deprecated accessor. */
  boolean deprecation(MapperSpec spec) {
    MethodModel m = spec.model();
    for (VariableElement p : m.method().getParameters()) {
      if (deprecated(p.asType())) {
        return true;
      }
    }
    if (m.resultType() != null && deprecated(m.resultType())) {
      return true;
    }
    for (Binding b : Stream.of(spec.customerId(), spec.anonymousId(), spec.timestamp())
        .filter(Objects::nonNull).toList()) {
      if (b.member() != null && shapes.elements().isDeprecated(b.member().element())) {
        return true;
      }
    }
    if (spec.object() != null) {
      Binding id = spec.object().id();
      if (id.member() != null && shapes.elements().isDeprecated(id.member().element())) {
        return true;
      }
      if (deprecated(spec.object().attributes()) || deprecated(spec.object().relationship())) {
        return true;
      }
    }
    return deprecated(spec.properties()) || deprecated(spec.attributes());
  }

  private boolean deprecated(List<Write> writes) {
    for (Write w : writes) {
      if ((w.member() != null && shapes.elements().isDeprecated(w.member().element()))
          || (w.binding() != null && w.binding().member() != null
              && shapes.elements().isDeprecated(w.binding().member().element()))
          || deprecated(w.node())) {
        return true;
      }
    }
    return false;
  }

  private boolean deprecated(ValueNode node) {
    if (node == null) {
      return false;
    }
    return deprecated(node.shape().type()) || deprecated(node.inner()) || deprecated(node.members());
  }

  private boolean deprecated(TypeMirror t) {
    if (t.getKind() == TypeKind.ARRAY) {
      return deprecated(((ArrayType) t).getComponentType());
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType d = (DeclaredType) t;
    if (shapes.elements().isDeprecated(d.asElement())) {
      return true;
    }
    for (TypeMirror arg : d.getTypeArguments()) {
      if (deprecated(arg)) {
        return true;
      }
    }
    return false;
  }
}
