package io.trackweave.processor.check;

import io.trackweave.plan.JsonType;
import io.trackweave.plan.Names;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.JavaShape;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.Marks;
import io.trackweave.processor.model.Member;
import io.trackweave.processor.model.MethodReader;
import io.trackweave.processor.model.Accessibility;
import io.trackweave.processor.model.PayloadMembers;
import io.trackweave.processor.model.Shapes;
import io.trackweave.processor.model.TypeNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Checks one Java value against its JSON Schema in the plan, all the way down (records and getters,
 * collections, maps, enums, optionals), and returns the {@link ValueNode} tree the mapper writer walks, or null
 * after reporting what does not fit. Without a plan (or a schema for the value) only what Java can map is
 * checked.
 */
final class ValueChecker {
  private final TrackingPlan plan;
  private final Shapes shapes;
  private final PayloadMembers members;
  private final Accessibility access;
  private final Reporter reporter;
  private final NullableSources nullableSources;

  /** @param plan the plan, or null when there is none */
  ValueChecker(TrackingPlan plan, Shapes shapes, PayloadMembers members, Accessibility access, Reporter reporter,
      NullableSources nullableSources) {
    this.plan = plan;
    this.shapes = shapes;
    this.members = members;
    this.access = access;
    this.reporter = reporter;
    this.nullableSources = nullableSources;
  }

  /**
   * Checks the value at {@code path} of {@code subject}, read from {@code where} as {@code type}.
   *
   * @param schema its schema, or null (no plan, or no schema for it)
   */
  ValueNode check(TypeMirror type, Schema schema, Element where, Subject subject, String path) {
    return node(type, schema, where, subject, path, new ArrayDeque<>());
  }

  /** @param stack the classes being checked around this value, innermost first: a class inside itself never ends */
  private ValueNode node(TypeMirror type, Schema schema, Element where, Subject subject, String path,
      Deque<String> stack) {
    JavaShape shape = shapes.of(type);
    Schema s = schema == null || plan == null ? null : plan.resolve(schema);
    Kind kind = shape.kind();
    switch (kind) {
      case UNSUPPORTED:
        reporter.report(Message.UNSUPPORTED_TYPE, where, Part.capitalized(subject.what(path)), TypeNames.display(type),
            shape.reason(), dropFix(where).text());
        return null;
      case INSTANT:
      case OFFSET_TIME:
        return time(shape, type, s, where, subject, path);
      case ANY:
        if (s != null && !s.types().isEmpty()) {
          return mismatch(where, subject, path, type, s);
        }
        return new ValueNode(shape, "any", false, null, List.of());
      case JAVA_ARRAY:
      case COLLECTION: {
        if (s != null && !s.allows(JsonType.ARRAY)) {
          return mismatch(where, subject, path, type, s);
        }
        ValueNode inner = node(shape.inner(), s == null ? null : s.items(), where, subject, path + "[]", stack);
        return inner == null ? null : new ValueNode(shape, "array", false, inner, List.of());
      }
      case MAP: {
        if (s != null && (!s.allows(JsonType.OBJECT) || !s.allowsAdditionalProperties())) {
          return mismatch(where, subject, path, type, s);
        }
        ValueNode inner = node(shape.inner(), null, where, subject, path + ".*", stack);
        return inner == null ? null : new ValueNode(shape, "object", false, inner, List.of());
      }
      case OPTIONAL: {
        ValueNode inner = node(shape.inner(), schema, where, subject, path, stack);
        return inner == null ? null : new ValueNode(shape, inner.json(), inner.iso(), inner, List.of());
      }
      case OBJECT:
        return object(shape, s, where, subject, path, stack);
      default:
        return scalar(shape, type, s, where, subject, path);
    }
  }

  /** An instant is written as unix seconds, or as an ISO-8601 string when the plan wants a date-time string. */
  private ValueNode time(JavaShape shape, TypeMirror type, Schema s, Element where, Subject subject, String path) {
    boolean iso;
    if (s == null || s.types().isEmpty()) {
      iso = s != null && "date-time".equals(s.format());
    } else if (s.allows(JsonType.INTEGER) || s.allows(JsonType.NUMBER)) {
      iso = false;
    } else if (s.allows(JsonType.STRING) && (s.format() == null || s.format().equals("date-time"))) {
      iso = true;
    } else {
      return mismatch(where, subject, path, type, s);
    }
    return new ValueNode(shape, iso ? "string" : "integer", iso, null, List.of());
  }

  /** A string, number, boolean, enum or date: one JSON value, fit to the schema's type (and enum). */
  private ValueNode scalar(JavaShape shape, TypeMirror type, Schema s, Element where, Subject subject, String path) {
    Kind kind = shape.kind();
    JsonType json = kind.json();
    if (s != null && !fits(s, json)) {
      return mismatch(where, subject, path, type, s);
    }
    if (kind == Kind.LOCAL_DATE && s != null && s.format() != null && !s.format().equals("date")) {
      return mismatch(where, subject, path, type, s);
    }
    if (kind == Kind.ENUM) {
      TypeElement enumType = (TypeElement) ((DeclaredType) type).asElement();
      if (!access.accessibleFrom(enumType, subject.pkg())) {
        reporter.report(Message.NOT_ACCESSIBLE, where, Part.capitalized(subject.what(path)), TypeNames.display(type),
            subject.pkg());
        return null;
      }
      if (s != null && s.enumValues() != null) {
        return enumValue(shape, enumType, s, where, subject, path);
      }
    }
    if (kind == Kind.STRING && s != null && (s.enumValues() != null || !s.normalize().isEmpty())) {
      // a String cannot be checked at compile time: the mapper normalises it as the plan says, then
      // checks it against the plan's values
      List<String> values = s.enumValues() == null ? null : List.copyOf(strings(s.enumValues()));
      List<String> steps = new ArrayList<>();
      s.normalize().forEach(n -> steps.add(n.key()));
      return new ValueNode(shape, json.keyword(), false, null, List.of(), false, values, steps);
    }
    return new ValueNode(shape, json.keyword(), false, null, List.of());
  }

  /** An enum into a property the plan restricts to an enum: every constant must have a value there. */
  private ValueNode enumValue(JavaShape shape, TypeElement enumType, Schema s, Element where, Subject subject,
      String path) {
    // the naming rule: a constant is spelled as written, or as its snake_case; one enum, one spelling
    List<String> values = strings(s.enumValues());
    List<String> asWritten = outside(shape.enumConstants(), values, false);
    List<String> snake = asWritten.isEmpty() ? asWritten : outside(shape.enumConstants(), values, true);
    boolean snakeCase = !asWritten.isEmpty() && snake.size() < asWritten.size();
    List<String> outside = snakeCase ? snake : asWritten;
    if (!outside.isEmpty()) {
      boolean one = outside.size() == 1;
      reporter.report(Message.ENUM_OUTSIDE, where, Part.capitalized(subject.what(path)), enumType.getSimpleName(),
          (one ? Part.CONSTANT : Part.CONSTANTS).text(), Part.list(outside), Part.list(values), plan.name(),
          s.pointer(), (one ? Part.CONSTANT : Part.CONSTANTS).text(), (one ? Part.THE_VALUE : Part.THE_VALUES).text());
      return null;
    }
    return new ValueNode(shape, shape.kind().json().keyword(), false, null, List.of(), snakeCase, null);
  }

  /** A record or a class with getters: each member (less those left out) is one property of a JSON object. */
  private ValueNode object(JavaShape shape, Schema s, Element where, Subject subject, String path,
      Deque<String> stack) {
    TypeMirror type = shape.type();
    if (s != null && !s.allows(JsonType.OBJECT)) {
      return mismatch(where, subject, path, type, s);
    }
    TypeElement element = (TypeElement) shape.declared().asElement();
    if (!access.accessibleFrom(element, subject.pkg())) {
      reporter.report(Message.NOT_ACCESSIBLE, where, Part.capitalized(subject.what(path)), TypeNames.display(type),
          subject.pkg());
      return null;
    }
    String name = element.getQualifiedName().toString();
    if (stack.contains(name)) {
      List<String> chain = new ArrayList<>();
      stack.descendingIterator().forEachRemaining(t -> chain.add(t.substring(t.lastIndexOf('.') + 1)));
      chain.add(element.getSimpleName().toString());
      reporter.report(Message.RECURSIVE_TYPE, where, Part.capitalized(subject.what(path)), element.getSimpleName(),
          Part.chain(chain));
      return null;
    }
    stack.push(name);
    try {
      Map<String, Member> seen = new LinkedHashMap<>();
      List<Write> writes = new ArrayList<>();
      boolean failed = false;
      for (Member member : members.of(shape.declared())) {
        Marks marks = member.marks();
        if (marks.notTracked() || (marks.personOrTime() && marks.prop() == null && marks.attr() == null)) {
          continue;
        }
        String childName = marks.prop() != null && !marks.prop().isEmpty() ? marks.prop()
            : marks.attr() != null && !marks.attr().isEmpty() ? marks.attr()
            : Names.toSnakeCase(member.javaName());
        String childPath = path.isEmpty() ? childName : path + "." + childName;
        Member first = seen.putIfAbsent(childName, member);
        if (first != null) {
          reporter.reportAt(Message.DUPLICATE_NAME, member.element(), "Prop", "value", Part.PROPERTY.text(),
              childName, subject.object(path), Binding.describe(first.element()), Part.FIX_DUPLICATE_MEMBER.text());
          failed = true;
          continue;
        }
        Schema childSchema = s == null ? null : s.properties().get(childName);
        if (s != null && childSchema == null && !s.allowsAdditionalProperties()) {
          reporter.reportAt(Message.NOT_ALLOWED, member.element(), "Prop", "value", childName, subject.object(path),
              Part.list(s.properties().keySet()), plan.name(), s.pointer(),
              Part.didYouMean(childName, s.properties().keySet()), Part.FIX_RENAME_MEMBER.text(), childName);
          failed = true;
          continue;
        }
        ValueNode child = node(member.type(), childSchema, member.element(), subject, childPath, stack);
        if (child == null) {
          failed = true;
          continue;
        }
        boolean required = s != null && s.required().contains(childName);
        if (required) {
          nullableSources.add(member.element(), Binding.describe(member.element()), member.type(), marks.nonNull(),
              child, childSchema, subject, childPath, s);
        }
        writes.add(new Write(childName, null, member, child, required, childPath));
      }
      if (s != null) {
        requiredNotMapped(s, seen.keySet(), where, subject, path, null);
      }
      return failed ? null : new ValueNode(shape, "object", false, null, List.copyOf(writes));
    } finally {
      stack.pop();
    }
  }

  /**
   * Reports each property {@code schema} requires that nothing maps: on the method's {@code @TrackEvent} for
   * an event's own properties ({@code method} given), else on the value whose object lacks it.
   *
   * @param mapped every name something maps, whether or not it passed its own checks
   */
  void requiredNotMapped(Schema schema, Set<String> mapped, Element where, Subject subject, String path,
      ExecutableElement method) {
    for (String required : schema.required()) {
      if (!mapped.contains(required)) {
        String hint = "";
        if (method != null) {
          VariableElement unmarked = MethodReader.unmarkedParameterNamed(method, required);
          if (unmarked != null) {
            hint = Part.UNMARKED_PARAMETER.text(unmarked.getSimpleName());
          }
        }
        if (method != null) {
          reporter.reportAt(Message.REQUIRED_NOT_MAPPED, method, "TrackEvent", "value", required,
              subject.object(path), plan.name(), schema.pointer(), required, hint);
        } else {
          reporter.report(Message.REQUIRED_NOT_MAPPED, where, required, subject.object(path), plan.name(),
              schema.pointer(), required, hint);
        }
      }
    }
  }

  /** The constants with no value of that spelling in the plan's enum. */
  private static List<String> outside(List<String> constants, List<String> values, boolean snakeCase) {
    List<String> outside = new ArrayList<>();
    for (String constant : constants) {
      if (!values.contains(snakeCase ? Names.toSnakeCase(constant) : constant)) {
        outside.add(constant);
      }
    }
    return outside;
  }

  private static boolean fits(Schema s, JsonType json) {
    return s.allows(json) || (json == JsonType.INTEGER && s.allows(JsonType.NUMBER));
  }

  private ValueNode mismatch(Element where, Subject subject, String path, TypeMirror type, Schema s) {
    reporter.report(Message.TYPE_MISMATCH, where, Part.capitalized(subject.what(path)), TypeNames.display(type),
        Part.schemaType(s), plan.name(), s.pointer(), Part.javaTypesFor(s));
    return null;
  }

  /**
   * How to leave a value out, for the element that maps it: only payload members can be {@code @NotTracked};
   * a parameter or the tracked method's return value loses its mark instead.
   */
  static Part dropFix(Element where) {
    if (where.getKind() == ElementKind.PARAMETER) {
      return Part.FIX_DROP_PARAMETER;
    }
    if (Reporter.mirror(where, "TrackEvent") != null || Reporter.mirror(where, "IdentifyOn") != null
        || Reporter.mirror(where, "IdentifyObject") != null || Reporter.mirror(where, "DeleteObject") != null) {
      return Part.FIX_DROP_RESULT;
    }
    return Part.FIX_DROP_MEMBER;
  }

  private static List<String> strings(List<Object> values) {
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      out.add(String.valueOf(v));
    }
    return out;
  }
}
