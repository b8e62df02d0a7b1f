package io.trackweave.processor.model;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Whether a generated mapper, which lives in the annotated class's package, may name a type: a mapper that
 * names a private or package-foreign type would not compile, so the checker reports it on the element instead.
 */
public final class Accessibility {
  private final Elements elements;

  public Accessibility(Elements elements) {
    this.elements = elements;
  }

  /** True when code in {@code packageName} may name {@code type}. */
  public boolean accessibleFrom(TypeElement type, String packageName) {
    Element e = type;
    while (e instanceof TypeElement te) {
      if (te.getNestingKind() == NestingKind.LOCAL || te.getNestingKind() == NestingKind.ANONYMOUS) {
        return false;
      }
      Set<Modifier> modifiers = te.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!modifiers.contains(Modifier.PUBLIC) && !packageOf(te).equals(packageName)) {
        return false;
      }
      e = te.getEnclosingElement();
    }
    return true;
  }

  /** True when every type named in {@code type} (type arguments included) is accessible from the package. */
  public boolean accessibleFrom(TypeMirror type, String packageName) {
    switch (type.getKind()) {
      case ARRAY:
        return accessibleFrom(((ArrayType) type).getComponentType(), packageName);
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (!accessibleFrom((TypeElement) declared.asElement(), packageName)) {
          return false;
        }
        for (TypeMirror arg : declared.getTypeArguments()) {
          if (!accessibleFrom(arg, packageName)) {
            return false;
          }
        }
        return true;
      case WILDCARD:
        WildcardType w = (WildcardType) type;
        return (w.getExtendsBound() == null || accessibleFrom(w.getExtendsBound(), packageName))
            && (w.getSuperBound() == null || accessibleFrom(w.getSuperBound(), packageName));
      case TYPEVAR:
      case ERROR:
      case INTERSECTION:
      case UNION:
        return false;
      default:
        return true;
    }
  }

  public String packageOf(Element element) {
    PackageElement pkg = elements.getPackageOf(element);
    return pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
  }
}
