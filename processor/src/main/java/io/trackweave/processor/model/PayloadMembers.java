package io.trackweave.processor.model;

import io.trackweave.api.internal.PropertyNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Lists the readable {@link Member}s of a payload object (a type {@link Shapes} classifies as
 * {@link JavaShape.Kind#OBJECT}). One instance per compilation, shared by the reader and the checker: the
 * answer per type is cached, as a payload type is usually read by many methods.
 */
public final class PayloadMembers {
  private final Types types;
  private final Map<String, List<Member>> members = new HashMap<>();

  public PayloadMembers(Types types) {
    this.types = types;
  }

  /**
   * The readable members of a payload type: a record's components in order, or a class's public getters
   * ({@code getX()}, {@code isX()} for booleans), its own first in source order, then its superclasses'.
   */
  public List<Member> of(DeclaredType type) {
    String key = type.toString();
    List<Member> cached = members.get(key);
    if (cached == null) {
      cached = List.copyOf(listMembers(type));
      members.put(key, cached);
    }
    return cached;
  }

  private List<Member> listMembers(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    List<Member> out = new ArrayList<>();
    if (element.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        ExecutableElement accessor = component.getAccessor();
        TypeMirror memberType =
            accessor == null ? component.asType() : ((javax.lang.model.type.ExecutableType) types.asMemberOf(type, accessor)).getReturnType();
        Marks marks = Marks.of(component, component.asType());
        // javac 17 has no source position for a record component, but has one for the field behind it
        Element where = component;
        for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
          if (field.getSimpleName().equals(component.getSimpleName()) && !field.getModifiers().contains(Modifier.STATIC)) {
            where = field;
          }
        }
        out.add(new Member(component.getSimpleName().toString(),
            component.getSimpleName().toString(), memberType, where, marks));
      }
      return out;
    }
    Set<String> seen = new HashSet<>();
    TypeElement current = element;
    while (current != null && !current.getQualifiedName().contentEquals("java.lang.Object")) {
      for (ExecutableElement method : ElementFilter.methodsIn(current.getEnclosedElements())) {
        String property = getterProperty(method);
        if (property == null || !seen.add(method.getSimpleName().toString())) {
          continue;
        }
        TypeMirror memberType =
            ((javax.lang.model.type.ExecutableType) types.asMemberOf(type, method)).getReturnType();
        Marks marks = Marks.of(method, method.getReturnType());
        VariableElement field = field(element, property);
        if (field != null) {
          marks = marks.merge(Marks.of(field, field.asType()));
        }
        out.add(new Member(property, method.getSimpleName().toString(), memberType, method, marks));
      }
      TypeMirror superclass = current.getSuperclass();
      current = superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }
    return out;
  }

  /**
   * The property a public getter reads, or null. The naming rule is {@link PropertyNames#accessorProperty}, the
   * one the agent's reflective fallback uses too; only what a generated mapper can call is checked here.
   */
  private static String getterProperty(ExecutableElement method) {
    if (!method.getModifiers().contains(Modifier.PUBLIC)
        || method.getModifiers().contains(Modifier.STATIC)
        || !method.getParameters().isEmpty()
        || !method.getTypeParameters().isEmpty()) {
      return null;
    }
    TypeMirror returns = method.getReturnType();
    boolean returnsBoolean = returns.getKind() == TypeKind.BOOLEAN || returns.toString().equals("java.lang.Boolean");
    return PropertyNames.accessorProperty(method.getSimpleName().toString(), returnsBoolean,
        returns.getKind() == TypeKind.VOID);
  }

  private static VariableElement field(TypeElement start, String name) {
    TypeElement current = start;
    while (current != null) {
      for (VariableElement field : ElementFilter.fieldsIn(current.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals(name)) {
          return field;
        }
      }
      TypeMirror superclass = current.getSuperclass();
      current = superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }
    return null;
  }
}
