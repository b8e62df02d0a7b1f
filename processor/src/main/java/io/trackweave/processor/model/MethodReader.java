package io.trackweave.processor.model;

import io.trackweave.annotations.DeleteObject;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.plan.Names;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding.Role;
import io.trackweave.processor.model.JavaShape.Kind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads an annotated method into a {@link MethodModel}: which values it maps, from where, to what. Reports
 * only what is wrong with the annotations themselves; the plan is the checker's business.
 *
 * <p>Rules: a parameter or the method (for its return value) may carry {@code @Prop}, {@code @Attr},
 * {@code @CustomerId}, {@code @AnonymousId}, {@code @EventTimestamp} and {@code @Payload}. A payload's
 * members become event properties when the method has {@code @TrackEvent}, else person attributes; a member
 * marked {@code @Attr} (or {@code @Prop}) goes where its annotation says. Members marked with a person or time
 * annotation say who or when, and are not properties unless they also carry {@code @Prop}/{@code @Attr}.
 * When nothing names the person, the return value's members are searched for {@code @CustomerId} and
 * {@code @AnonymousId}; when nothing names the object of an {@code @IdentifyObject}/{@code @DeleteObject},
 * for {@code @ObjectId}. On a method that does not track an event, a payload's members are the object's
 * attributes when it identifies an object, else the person's.
 */
public final class MethodReader {
  private final Shapes shapes;
  private final PayloadMembers members;
  private final Accessibility access;
  private final Reporter reporter;

  public MethodReader(Shapes shapes, PayloadMembers members, Accessibility access, Reporter reporter) {
    this.shapes = shapes;
    this.members = members;
    this.access = access;
    this.reporter = reporter;
  }

  public MethodModel read(ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    TrackEvent track = method.getAnnotation(TrackEvent.class);
    IdentifyOn identify = method.getAnnotation(IdentifyOn.class);
    IdentifyObject identifyObject = method.getAnnotation(IdentifyObject.class);
    DeleteObject deleteObject = method.getAnnotation(DeleteObject.class);
    ObjectAction object = identifyObject != null
        ? new ObjectAction(ObjectAction.Kind.IDENTIFY, identifyObject.value(), identifyObject.relate())
        : deleteObject != null ? new ObjectAction(ObjectAction.Kind.DELETE, deleteObject.value(), false) : null;
    String ownerBinary = shapes.elements().getBinaryName(owner).toString();
    String pkg = access.packageOf(owner);
    String descriptor = TypeNames.descriptor(method, shapes.elements(), shapes.types());

    TypeMirror returnType = method.getReturnType();
    TypeMirror completed = shapes.completedType(returnType);
    boolean async = completed != null;
    TypeMirror resultType = async ? completed : returnType.getKind() == TypeKind.VOID ? null : returnType;

    List<Binding> bindings = new ArrayList<>();
    // what a payload's unmarked members become: event properties, else attributes (the person's or the
    // object's); a method that only deletes an object reads its payload for the marked members alone
    Role implied = track != null ? Role.PROPERTY
        : identify != null || identifyObject != null ? Role.ATTRIBUTE : null;
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      VariableElement p = params.get(i);
      Marks marks = Marks.of(p, p.asType());
      direct(bindings, i, p, p.asType(), p.getSimpleName().toString(), marks);
      if (marks.payload()) {
        payload(bindings, i, p, p.asType(), implied);
      }
    }
    Marks methodMarks = Marks.of(method, null);
    boolean resultMarked = methodMarks.payload() || methodMarks.prop() != null || methodMarks.attr() != null
        || methodMarks.relationshipAttr() != null || methodMarks.personOrTime();
    if (resultMarked && resultType == null) {
      String mark = firstMark(methodMarks);
      reporter.reportAt(Message.RESULT_OF_VOID, method, mark, null, mark,
          Message.Part.CALL.text(method.getSimpleName()));
    } else if (resultMarked) {
      direct(bindings, Binding.RESULT, method, resultType, method.getSimpleName().toString(), methodMarks);
      if (methodMarks.payload()) {
        payload(bindings, Binding.RESULT, method, resultType, implied);
      }
    }
    if (resultType != null && !methodMarks.payload() && bindings.stream().noneMatch(MethodReader::person)) {
      personFromResult(bindings, resultType);
    }
    if (object != null && resultType != null && !methodMarks.payload()
        && bindings.stream().noneMatch(b -> b.role() == Role.OBJECT_ID)) {
      objectIdFromResult(bindings, resultType);
    }

    return new MethodModel(
        method,
        owner,
        ownerBinary,
        pkg,
        descriptor,
        mapperName(owner, ownerBinary, pkg, method, descriptor),
        track == null ? null : track.value(),
        track == null ? null : track.on(),
        identify == null ? null : identify.on(),
        identify != null && identify.updateOnly(),
        resultType,
        async,
        List.copyOf(bindings),
        object);
  }

  private static boolean person(Binding b) {
    return b.role() == Role.CUSTOMER_ID || b.role() == Role.ANONYMOUS_ID;
  }

  private static String firstMark(Marks m) {
    if (m.payload()) return "Payload";
    if (m.prop() != null) return "Prop";
    if (m.attr() != null) return "Attr";
    if (m.relationshipAttr() != null) return "RelationshipAttr";
    if (m.objectId()) return "ObjectId";
    if (m.customerId()) return "CustomerId";
    if (m.anonymousId()) return "AnonymousId";
    return "EventTimestamp";
  }

  private static void direct(List<Binding> out, int root, Element element, TypeMirror type, String javaName, Marks marks) {
    if (marks.customerId()) {
      out.add(new Binding(Role.CUSTOMER_ID, null, true, element, type, root, null, marks.nonNull()));
    }
    if (marks.anonymousId()) {
      out.add(new Binding(Role.ANONYMOUS_ID, null, true, element, type, root, null, marks.nonNull()));
    }
    if (marks.eventTimestamp()) {
      out.add(new Binding(Role.TIMESTAMP, null, true, element, type, root, null, marks.nonNull()));
    }
    if (marks.prop() != null) {
      out.add(new Binding(Role.PROPERTY, name(marks.prop(), javaName), true, element, type, root, null, marks.nonNull()));
    }
    if (marks.attr() != null) {
      out.add(new Binding(Role.ATTRIBUTE, name(marks.attr(), javaName), true, element, type, root, null, marks.nonNull()));
    }
    if (marks.objectId()) {
      out.add(new Binding(Role.OBJECT_ID, null, true, element, type, root, null, marks.nonNull()));
    }
    if (marks.relationshipAttr() != null) {
      out.add(new Binding(Role.RELATIONSHIP_ATTRIBUTE, name(marks.relationshipAttr(), javaName), true, element, type,
          root, null, marks.nonNull()));
    }
  }

  private void payload(List<Binding> out, int root, Element element, TypeMirror type, Role implied) {
    JavaShape shape = shapes.of(type);
    if (shape.kind() != Kind.OBJECT) {
      reporter.reportAt(Message.PAYLOAD_NOT_OBJECT, element, "Payload", null, Binding.describe(element),
          TypeNames.display(type));
      return;
    }
    for (Member m : members.of(shape.declared())) {
      Marks marks = m.marks();
      if (marks.notTracked()) {
        continue;
      }
      if (marks.customerId()) {
        out.add(new Binding(Role.CUSTOMER_ID, null, true, m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (marks.anonymousId()) {
        out.add(new Binding(Role.ANONYMOUS_ID, null, true, m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (marks.eventTimestamp()) {
        out.add(new Binding(Role.TIMESTAMP, null, true, m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (marks.prop() != null) {
        out.add(new Binding(Role.PROPERTY, name(marks.prop(), m.javaName()), true, m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (marks.attr() != null) {
        out.add(new Binding(Role.ATTRIBUTE, name(marks.attr(), m.javaName()), true, m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (marks.objectId()) {
        out.add(new Binding(Role.OBJECT_ID, null, true, m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (marks.relationshipAttr() != null) {
        out.add(new Binding(Role.RELATIONSHIP_ATTRIBUTE, name(marks.relationshipAttr(), m.javaName()), true,
            m.element(), m.type(), root, m, marks.nonNull()));
      }
      if (implied != null && marks.prop() == null && marks.attr() == null && marks.relationshipAttr() == null
          && !marks.personOrTime()) {
        out.add(new Binding(implied, Names.toSnakeCase(m.javaName()), false, m.element(), m.type(), root, m, marks.nonNull()));
      }
    }
  }

  private void personFromResult(List<Binding> out, TypeMirror resultType) {
    JavaShape shape = shapes.of(resultType);
    if (shape.kind() != Kind.OBJECT) {
      return;
    }
    for (Member m : members.of(shape.declared())) {
      if (m.marks().notTracked()) {
        continue;
      }
      if (m.marks().customerId()) {
        out.add(new Binding(Role.CUSTOMER_ID, null, true, m.element(), m.type(), Binding.RESULT, m, m.marks().nonNull()));
      }
      if (m.marks().anonymousId()) {
        out.add(new Binding(Role.ANONYMOUS_ID, null, true, m.element(), m.type(), Binding.RESULT, m, m.marks().nonNull()));
      }
    }
  }

  private void objectIdFromResult(List<Binding> out, TypeMirror resultType) {
    JavaShape shape = shapes.of(resultType);
    if (shape.kind() != Kind.OBJECT) {
      return;
    }
    for (Member m : members.of(shape.declared())) {
      if (!m.marks().notTracked() && m.marks().objectId()) {
        out.add(new Binding(Role.OBJECT_ID, null, true, m.element(), m.type(), Binding.RESULT, m, m.marks().nonNull()));
      }
    }
  }

  private static String name(String given, String javaName) {
    return given.isEmpty() ? Names.toSnakeCase(javaName) : given;
  }

  /**
   * {@code Outer_Inner_method_TrackweaveMapper}; an overloaded annotated method gets its descriptor's hash
   * too, so each overload keeps its own mapper however the others change.
   */
  private static String mapperName(TypeElement owner, String ownerBinary, String pkg, ExecutableElement method, String descriptor) {
    String flat = (pkg.isEmpty() ? ownerBinary : ownerBinary.substring(pkg.length() + 1)).replace('$', '_');
    String name = flat + "_" + method.getSimpleName();
    int overloads = 0;
    for (ExecutableElement other : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (other.getSimpleName().equals(method.getSimpleName())
          && (other.getAnnotation(TrackEvent.class) != null || other.getAnnotation(IdentifyOn.class) != null
              || other.getAnnotation(IdentifyObject.class) != null || other.getAnnotation(DeleteObject.class) != null)) {
        overloads++;
      }
    }
    if (overloads > 1) {
      name += "_" + Integer.toHexString(descriptor.hashCode());
    }
    return name + "_TrackweaveMapper";
  }

  /** Unused-parameter hint: the parameter whose snake_case name is {@code property}, if it carries no mark. */
  public static VariableElement unmarkedParameterNamed(ExecutableElement method, String property) {
    for (VariableElement p : method.getParameters()) {
      if (Names.toSnakeCase(p.getSimpleName().toString()).equals(property)
          && p.getAnnotationMirrors().isEmpty()) {
        return p;
      }
    }
    return null;
  }
}
