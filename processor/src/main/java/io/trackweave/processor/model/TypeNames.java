package io.trackweave.processor.model;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * How a type is written: for people in diagnostics ({@link #display}), and for the JVM in the index the agent
 * weaves from ({@link #descriptor}), where a method is found by its descriptor, not its source signature.
 */
public final class TypeNames {
  private TypeNames() {}

  /** A type as people write it: without type-use annotations such as {@code @NonNull}. */
  public static String display(TypeMirror type) {
    return type.toString().replaceAll("@[\\w.$]+(\\([^)]*\\))?\\s*", "");
  }

  /** The JVM descriptor of a method, e.g. {@code (Ljava/lang/String;I)V}. */
  public static String descriptor(ExecutableElement method, Elements elements, Types types) {
    StringBuilder sb = new StringBuilder("(");
    for (VariableElement p : method.getParameters()) {
      descriptor(p.asType(), sb, elements, types);
    }
    sb.append(')');
    descriptor(method.getReturnType(), sb, elements, types);
    return sb.toString();
  }

  private static void descriptor(TypeMirror type, StringBuilder sb, Elements elements, Types types) {
    TypeMirror t = types.erasure(type);
    switch (t.getKind()) {
      case BOOLEAN -> sb.append('Z');
      case BYTE -> sb.append('B');
      case SHORT -> sb.append('S');
      case INT -> sb.append('I');
      case LONG -> sb.append('J');
      case CHAR -> sb.append('C');
      case FLOAT -> sb.append('F');
      case DOUBLE -> sb.append('D');
      case VOID -> sb.append('V');
      case ARRAY -> {
        sb.append('[');
        descriptor(((ArrayType) t).getComponentType(), sb, elements, types);
      }
      case DECLARED -> sb.append('L')
          .append(elements.getBinaryName((TypeElement) ((DeclaredType) t).asElement()).toString().replace('.', '/'))
          .append(';');
      default -> sb.append("Ljava/lang/Object;");
    }
  }
}
