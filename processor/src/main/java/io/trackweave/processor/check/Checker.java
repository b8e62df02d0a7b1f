package io.trackweave.processor.check;

import io.trackweave.api.IdentifierType;
import io.trackweave.plan.EventDefinition;
import io.trackweave.plan.JsonType;
import io.trackweave.plan.Names;
import io.trackweave.plan.ObjectType;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.Binding.Role;
import io.trackweave.processor.model.JavaShape;
import io.trackweave.processor.model.JavaShape.Kind;
import io.trackweave.processor.model.Marks;
import io.trackweave.processor.model.Member;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.MethodReader;
import io.trackweave.processor.model.Nullness;
import io.trackweave.processor.model.ObjectAction;
import io.trackweave.processor.model.Shapes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.tools.Diagnostic;

/**
 * Checks a {@link MethodModel} against the tracking plan (or, without a plan, only against what Java can
 * map), reports every disagreement on the element it concerns, and returns what the writer needs, or null
 * when anything was wrong.
 */
public final class Checker {
  private static final Set<Kind> IDENTIFIER_KINDS =
      EnumSet.of(Kind.STRING, Kind.TO_STRING, Kind.CHAR, Kind.CHAR_BOX, Kind.INT, Kind.INT_BOX, Kind.BIG_INTEGER, Kind.ANY);
  private static final Set<Kind> TIMESTAMP_KINDS = EnumSet.of(Kind.INSTANT, Kind.OFFSET_TIME, Kind.INT, Kind.INT_BOX);

  private final TrackingPlan plan;
  private final Shapes shapes;
  private final Reporter reporter;
  private final IdentifierType identifierType;
  private final Diagnostic.Kind nullableRequired;

  /** @param plan the plan, or null when there is none (only Java-side checks run) */
  public Checker(TrackingPlan plan, Shapes shapes, Reporter reporter) {
    this(plan, shapes, reporter, Diagnostic.Kind.WARNING);
  }

  /**
   * @param plan the plan, or null when there is none (only Java-side checks run)
   * @param nullableRequired how a required property fed by a possibly-null source is reported: WARNING,
   *     ERROR, or null to not report it at all
   */
  public Checker(TrackingPlan plan, Shapes shapes, Reporter reporter, Diagnostic.Kind nullableRequired) {
    this.plan = plan;
    this.shapes = shapes;
    this.reporter = reporter;
    this.identifierType = identifierType(plan);
    this.nullableRequired = nullableRequired;
  }

  private static IdentifierType identifierType(TrackingPlan plan) {
    if (plan == null || plan.identifier() == null) {
      return IdentifierType.ID;
    }
    try {
      return IdentifierType.fromWireName(plan.identifier());
    } catch (IllegalArgumentException e) {
      return IdentifierType.ID; // the plan linter reports it
    }
  }

  /** Context of a message: which event (or identify) a property belongs to. */
  private record Ctx(String subject, boolean attributes, String pkg, boolean ofObject) {
    Ctx(String subject, boolean attributes, String pkg) {
      this(subject, attributes, pkg, false);
    }

    String what(String path) {
      return ofObject ? Part.ATTRIBUTE_OF.text(path, subject)
          : attributes ? Part.ATTRIBUTE_NAMED.text(path) : Part.PROPERTY_OF.text(path, subject);
    }

    String object(String path) {
      return path.isEmpty() ? subject : Part.PATH_OF.text(path, subject);
    }
  }

  public MapperSpec check(MethodModel m) {
    nullableSources.clear();
    int before = reporter.errors();
    ExecutableElement method = m.method();
    String methodName = Part.METHOD.text(m.owner().getSimpleName(), method.getSimpleName());
    String annotation = m.mainAnnotation();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      reporter.reportAt(Message.UNREACHABLE_METHOD, method, annotation, null, annotation,
          modifiers.contains(Modifier.ABSTRACT) ? "abstract" : "native", methodName);
      return null;
    }

    if (m.writesObject() && objectConflicts(m, methodName)) {
      return null; // what the method's values mean is unclear, so checking them would only add noise
    }
    boolean resultReported = false;
    for (Binding b : m.bindings()) {
      resultReported |= checkRole(m, b, methodName, resultReported);
      checkRootType(m, b);
    }
    Binding customerId = unique(m, Role.CUSTOMER_ID, "CustomerId", Part.CUSTOMER_ID.text());
    Binding anonymousId = unique(m, Role.ANONYMOUS_ID, "AnonymousId", Part.ANONYMOUS_ID.text());
    Binding timestamp = unique(m, Role.TIMESTAMP, "EventTimestamp", Part.EVENT_TIME.text());
    checkIdentifierType(customerId, "CustomerId");
    checkIdentifierType(anonymousId, "AnonymousId");
    if (timestamp != null && !TIMESTAMP_KINDS.contains(shapes.of(timestamp.type()).kind())) {
      reporter.report(Message.TIMESTAMP_TYPE, timestamp.element(), timestamp.describe(), display(timestamp.type()));
    }
    String identifier = identifierType.wireName();
    if (m.tracks() && customerId == null && anonymousId == null) {
      reporter.reportAt(Message.NO_PERSON, method, "TrackEvent", "value", m.event(), identifier);
    }
    if (m.identifies() && customerId == null) {
      reporter.reportAt(Message.NO_CUSTOMER_ID_FOR_IDENTIFY, method, "IdentifyOn", null, methodName, identifier);
    }

    EventDefinition definition = null;
    List<Write> properties = List.of();
    String dedupe = null;
    if (m.tracks()) {
      Schema schema = null;
      if (plan != null) {
        definition = plan.event(m.event());
        if (definition == null) {
          reporter.reportAt(Message.UNKNOWN_EVENT, method, "TrackEvent", "value", m.event(), plan.name(),
              plan.source(), didYouMean(m.event(), plan.events().keySet()), m.event());
        } else {
          schema = plan.resolve(definition.schema());
        }
      } else if (!Names.isSnakeCase(m.event())) {
        reporter.reportAt(Message.BAD_NAME, method, "TrackEvent", "value", "event", m.event(),
            Names.toSnakeCase(m.event()));
      }
      Ctx ctx = new Ctx(Part.EVENT.text(m.event()), false, m.packageName());
      properties = writes(m, Role.PROPERTY, schema, ctx);
      if (schema != null) {
        requiredNotMapped(schema, names(m, Role.PROPERTY), method, ctx, "", method);
      }
      if (definition != null && definition.dedupe() != null) {
        String key = definition.dedupe();
        dedupe = key;
        if (properties.stream().noneMatch(w -> w.name().equals(key))) {
          reporter.reportAt(Message.DEDUPE_NOT_MAPPED, method, "TrackEvent", "value", m.event(), dedupe, plan.name(), m.event(), dedupe, dedupe);
        }
      }
    }
    List<Write> attributes = List.of();
    if (m.identifies()) {
      attributes = writes(m, Role.ATTRIBUTE, null, new Ctx(Part.IDENTIFY.text(), true, m.packageName()));
    }
    ObjectSpec object = m.writesObject() ? object(m, methodName, customerId) : null;
    if (reporter.errors() == before) {
      reportNullableSources(m); // a method that does not compile gets its errors first, not a warning on top
    }
    nullableSources.clear();
    if (reporter.errors() > before) {
      return null;
    }
    return new MapperSpec(
        m,
        plan == null ? null : plan.name(),
        plan == null ? 0 : plan.version(),
        identifierType,
        definition,
        properties,
        attributes,
        customerId,
        anonymousId,
        m.tracks() ? timestamp : null,
        dedupe,
        object);
  }

  /** Returns true when it reported that the return value is read on a throwing path. */
  private boolean checkRole(MethodModel m, Binding b, String methodName, boolean resultReported) {
    switch (b.role()) {
      case PROPERTY -> {
        if (!m.tracks()) {
          reporter.reportAt(Message.PROP_WITHOUT_TRACK, b.element(), "Prop", null, b.describe(), methodName);
        }
      }
      case ATTRIBUTE -> {
        if (!m.identifies() && !m.identifiesObject()) {
          reporter.reportAt(Message.ATTR_WITHOUT_IDENTIFY, b.element(), "Attr", null, b.describe(), methodName);
        }
      }
      case TIMESTAMP -> {
        if (!m.tracks()) {
          reporter.reportAt(Message.TIMESTAMP_WITHOUT_TRACK, b.element(), "EventTimestamp", null, b.describe(),
              methodName);
        }
      }
      case OBJECT_ID -> {
        if (!m.writesObject()) {
          reporter.reportAt(Message.OBJECT_ID_WITHOUT_OBJECT, b.element(), "ObjectId", null, b.describe(), methodName);
        }
      }
      case RELATIONSHIP_ATTRIBUTE -> {
        if (!m.identifiesObject() || !m.object().relate()) {
          reporter.reportAt(Message.RELATIONSHIP_ATTR_WITHOUT_RELATE, b.element(), "RelationshipAttr", null,
              b.describe(), methodName);
        }
      }
      default -> { }
    }
    if (!b.fromResult() || resultReported) {
      return false;
    }
    // object calls happen only after a normal return, so only a person's or an event's values are at stake
    boolean personOrEvent = b.role() != Role.OBJECT_ID && b.role() != Role.RELATIONSHIP_ATTRIBUTE;
    boolean forTrack = personOrEvent && b.role() != Role.ATTRIBUTE && m.tracks() && MethodModel.onThrow(m.trackFire());
    boolean forIdentify = personOrEvent && b.role() != Role.PROPERTY && b.role() != Role.TIMESTAMP && m.identifies()
        && MethodModel.onThrow(m.identifyFire());
    if (forTrack || forIdentify) {
      // on the method, whose annotation asks for the return value
      reporter.reportAt(Message.RESULT_ON_THROW, m.method(), forTrack ? "TrackEvent" : "IdentifyOn", "on",
          Part.MAPPING_OF.text(methodName), forTrack ? "@TrackEvent" : "@IdentifyOn", methodName);
      return true;
    }
    return false;
  }

  /** The mapper reads the root (a parameter or the result) by its declared type: it must be nameable there. */
  private void checkRootType(MethodModel m, Binding b) {
    TypeMirror root = b.fromResult() ? m.resultType() : m.method().getParameters().get(b.root()).asType();
    Element where = b.fromResult() ? m.method() : m.method().getParameters().get(b.root());
    if (root.getKind() != TypeKind.TYPEVAR && containsTypeVariable(root)) {
      reporter.report(Message.UNSUPPORTED_TYPE, where, Binding.describe(where), display(root),
          Part.GENERIC_FROM_TYPE_VARIABLES.text(), dropFix(where).text());
    } else if (!shapes.accessibleFrom(shapes.types().erasure(root), m.packageName())) {
      reporter.report(Message.NOT_ACCESSIBLE, where, Binding.describe(where), display(root), m.packageName());
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

  private Binding unique(MethodModel m, Role role, String annotation, String what) {
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

  private void checkIdentifierType(Binding b, String annotation) {
    if (b != null && !IDENTIFIER_KINDS.contains(shapes.of(b.type()).kind())) {
      reporter.report(Message.CUSTOMER_ID_NOT_SCALAR, b.element(), annotation, b.describe(), display(b.type()));
    }
  }

  // --- objects ---

  /** Reports annotations that cannot go together on one method; true when there were any. */
  private boolean objectConflicts(MethodModel m, String methodName) {
    ExecutableElement method = m.method();
    if (Reporter.mirror(method, "IdentifyObject") != null && Reporter.mirror(method, "DeleteObject") != null) {
      reporter.reportAt(Message.IDENTIFY_AND_DELETE_OBJECT, method, "DeleteObject", null, methodName);
      return true;
    }
    if (m.identifiesObject() && m.identifies()) {
      reporter.reportAt(Message.OBJECT_AND_PERSON_ATTRIBUTES, method, "IdentifyObject", null, methodName);
      return true;
    }
    return false;
  }

  /** Checks the object call; returns what the writer needs, or null after reporting what is wrong. */
  private ObjectSpec object(MethodModel m, String methodName, Binding customerId) {
    ExecutableElement method = m.method();
    ObjectAction action = m.object();
    String annotation = action.kind().annotation();
    Binding id = unique(m, Role.OBJECT_ID, "ObjectId", Part.OBJECT_ID.text());
    if (id == null) {
      reporter.reportAt(Message.NO_OBJECT_ID, method, annotation, null, annotation, action.type(), methodName);
    } else {
      checkIdentifierType(id, "ObjectId");
    }
    if (action.relate() && customerId == null) {
      reporter.reportAt(Message.NO_PERSON_TO_RELATE, method, annotation, "relate", methodName,
          identifierType.wireName());
    }
    ObjectType type = null;
    if (plan == null) {
      reporter.reportAt(Message.OBJECT_WITHOUT_PLAN, method, annotation, "value", annotation, action.type(),
          action.type(), action.type());
    } else {
      type = plan.object(action.type());
      if (type == null) {
        reporter.reportAt(Message.UNKNOWN_OBJECT_TYPE, method, annotation, "value", action.type(), plan.name(),
            plan.source(), didYouMean(action.type(), plan.objects().keySet()), action.type());
      }
    }
    if (type == null) {
      return null;
    }
    Ctx ctx = new Ctx(Part.OBJECT_TYPE.text(type.name()), true, m.packageName(), true);
    List<Write> attributes = m.identifiesObject() ? objectWrites(m, Role.ATTRIBUTE, type, ctx) : List.of();
    List<Write> relationship = action.relate() ? objectWrites(m, Role.RELATIONSHIP_ATTRIBUTE, type, ctx) : List.of();
    return new ObjectSpec(action, type, id, attributes, relationship);
  }

  /** The object's attributes or the relationship's, each checked against the object type's schemas. */
  private List<Write> objectWrites(MethodModel m, Role role, ObjectType type, Ctx ctx) {
    boolean relationship = role == Role.RELATIONSHIP_ATTRIBUTE;
    Map<String, Schema> declared = relationship ? type.relationship() : type.attributes();
    String mark = relationship ? "RelationshipAttr" : "Attr";
    Map<String, Binding> seen = new LinkedHashMap<>();
    List<Write> out = new ArrayList<>();
    for (Binding b : m.bindings()) {
      if (b.role() != role) {
        continue;
      }
      String name = b.name();
      Binding first = seen.putIfAbsent(name, b);
      if (first != null) {
        reporter.reportAt(Message.DUPLICATE_NAME, b.element(), mark, "value",
            (relationship ? Part.RELATIONSHIP_ATTRIBUTE : Part.ATTRIBUTE).text(), name, ctx.subject(),
            first.describe(), (b.member() == null ? Part.FIX_DUPLICATE_PARAMETER : Part.FIX_DUPLICATE_MEMBER).text());
        continue;
      }
      Schema schema = declared.get(name);
      if (schema == null) {
        if (relationship) {
          reporter.reportAt(Message.RELATIONSHIP_ATTR_NOT_ALLOWED, b.element(), mark, "value", name, type.name(),
              plan.name(), plan.source(), type.name(), list(declared.keySet()), didYouMean(name, declared.keySet()),
              type.name());
        } else {
          reporter.reportAt(Message.UNKNOWN_OBJECT_ATTRIBUTE, b.element(), mark, "value", name, type.name(),
              plan.name(), plan.source(), type.name(), list(declared.keySet()), didYouMean(name, declared.keySet()),
              type.name());
        }
        continue;
      }
      ValueNode node = node(b.type(), schema, b.element(), ctx, name, new ArrayDeque<>());
      if (node != null) {
        // run-time violations name the object type (and the relationship), not a bare attribute name
        String path = type.name() + (relationship ? ".relationship." : ".") + name;
        out.add(new Write(name, b, b.member(), node, false, path));
      }
    }
    return out;
  }

  // --- properties and attributes ---

  private List<Write> writes(MethodModel m, Role role, Schema schema, Ctx ctx) {
    Map<String, Binding> seen = new LinkedHashMap<>();
    List<Write> out = new ArrayList<>();
    for (Binding b : m.bindings()) {
      if (b.role() != role) {
        continue;
      }
      String name = b.name();
      Binding first = seen.putIfAbsent(name, b);
      if (first != null) {
        reporter.reportAt(Message.DUPLICATE_NAME, b.element(), mark(role), "value",
            (ctx.attributes ? Part.ATTRIBUTE : Part.PROPERTY).text(), name, ctx.object(""), first.describe(),
            (b.member() == null ? Part.FIX_DUPLICATE_PARAMETER : Part.FIX_DUPLICATE_MEMBER).text());
        continue;
      }
      Schema valueSchema = null;
      if (ctx.attributes) {
        if (plan != null) {
          valueSchema = plan.attributes().get(name);
          if (valueSchema == null) {
            reporter.reportAt(Message.UNKNOWN_ATTRIBUTE, b.element(), "Attr", "value", name, plan.name(),
                plan.source(), didYouMean(name, plan.attributes().keySet()));
            continue;
          }
        } else if (!Names.isSnakeCase(name)) {
          reporter.reportAt(Message.BAD_NAME, b.element(), "Attr", "value", Part.ATTRIBUTE.text(), name,
              Names.toSnakeCase(name));
          continue;
        }
      } else if (schema != null) {
        valueSchema = schema.properties().get(name);
        if (valueSchema == null && !schema.allowsAdditionalProperties()) {
          reporter.reportAt(Message.NOT_ALLOWED, b.element(), "Prop", "value", name, ctx.object(""),
              list(schema.properties().keySet()), plan.name(), schema.pointer(),
              didYouMean(name, schema.properties().keySet()), notAllowedFix(b).text(), name);
          continue;
        }
      } else if (!Names.isSnakeCase(name)) {
        reporter.reportAt(Message.BAD_NAME, b.element(), "Prop", "value", Part.PROPERTY.text(), name,
            Names.toSnakeCase(name));
        continue;
      }
      ValueNode node = node(b.type(), valueSchema, b.element(), ctx, name, new ArrayDeque<>());
      if (node == null) {
        continue;
      }
      boolean required = !ctx.attributes && schema != null && schema.required().contains(name);
      if (required) {
        nullable(b.element(), b.describe(), b.type(), b.nonNull(), node, valueSchema, ctx, name, schema);
      }
      out.add(new Write(name, b, b.member(), node, required, name));
    }
    return out;
  }

  private static Set<String> names(MethodModel m, Role role) {
    Set<String> names = new java.util.HashSet<>();
    for (Binding b : m.bindings()) {
      if (b.role() == role) {
        names.add(b.name());
      }
    }
    return names;
  }

  /** {@code mapped}: every name something maps, whether or not it passed its own checks. */
  private void requiredNotMapped(Schema schema, Set<String> mapped, Element where, Ctx ctx, String path,
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
          reporter.reportAt(Message.REQUIRED_NOT_MAPPED, method, "TrackEvent", "value", required, ctx.object(path),
              plan.name(), schema.pointer(), required, hint);
        } else {
          reporter.report(Message.REQUIRED_NOT_MAPPED, where, required, ctx.object(path), plan.name(),
              schema.pointer(), required, hint);
        }
      }
    }
  }

  /** A required property whose source may be null, reported once per method with the others. */
  private record NullableSource(Element element, String what, String path, String pointer, String source,
      String type, boolean optional) {}

  /** Required properties of the method being checked whose sources may be null or empty. */
  private final List<NullableSource> nullableSources = new ArrayList<>();

  private void nullable(Element element, String source, TypeMirror type, boolean nonNull, ValueNode node,
      Schema valueSchema, Ctx ctx, String path, Schema objectSchema) {
    if (nullableRequired == null || !node.shape().kind().reference() || Nullness.nonNull(element, type, nonNull)) {
      return;
    }
    Schema resolved = valueSchema == null ? null : plan.resolve(valueSchema);
    if (resolved != null && resolved.types().contains(JsonType.NULL)) {
      return;
    }
    boolean optional = node.shape().kind() == Kind.OPTIONAL || node.shape().kind() == Kind.OPTIONAL_INT
        || node.shape().kind() == Kind.OPTIONAL_DOUBLE;
    nullableSources.add(new NullableSource(element, capitalize(ctx.what(path)), path, objectSchema.pointer(), source,
        display(type), optional));
  }

  /**
   * One diagnostic per method, not one per property: on the source when there is one, else on the event
   * name, listing each property with its source.
   */
  private void reportNullableSources(MethodModel m) {
    if (nullableSources.isEmpty()) {
      return;
    }
    if (nullableSources.size() == 1) {
      NullableSource n = nullableSources.get(0);
      reporter.report(nullableRequired, Message.NULLABLE_REQUIRED, n.element(), n.what(), plan.name(), n.pointer(),
          n.source(), n.type(), (n.optional() ? Part.EMPTY : Part.NULL).text());
    } else {
      StringJoiner list = new StringJoiner("; ");
      for (NullableSource n : nullableSources) {
        list.add(Part.NULLABLE_SOURCE_ITEM.text(n.path(), n.source(), n.type(),
            (n.optional() ? Part.EMPTY : Part.NULL).text()));
      }
      reporter.reportAt(nullableRequired, Message.NULLABLE_REQUIRED_SEVERAL, m.method(), "TrackEvent", "value",
          Part.EVENT.text(m.event()), nullableSources.size(), plan.name(), list);
    }
    nullableSources.clear();
  }

  /** Checks one value against its schema ({@code schema} null: no plan, or no schema for it). */
  private ValueNode node(TypeMirror type, Schema schema, Element where, Ctx ctx, String path, Deque<String> stack) {
    JavaShape shape = shapes.of(type);
    Schema s = schema == null || plan == null ? null : plan.resolve(schema);
    Kind kind = shape.kind();
    switch (kind) {
      case UNSUPPORTED:
        reporter.report(Message.UNSUPPORTED_TYPE, where, capitalize(ctx.what(path)), display(type), shape.reason(),
            dropFix(where).text());
        return null;
      case INSTANT:
      case OFFSET_TIME: {
        boolean iso;
        if (s == null || s.types().isEmpty()) {
          iso = s != null && "date-time".equals(s.format());
        } else if (s.allows(JsonType.INTEGER) || s.allows(JsonType.NUMBER)) {
          iso = false;
        } else if (s.allows(JsonType.STRING) && (s.format() == null || s.format().equals("date-time"))) {
          iso = true;
        } else {
          return mismatch(where, ctx, path, type, s);
        }
        return new ValueNode(shape, iso ? "string" : "integer", iso, null, List.of());
      }
      case ANY:
        if (s != null && !s.types().isEmpty()) {
          return mismatch(where, ctx, path, type, s);
        }
        return new ValueNode(shape, "any", false, null, List.of());
      case JAVA_ARRAY:
      case COLLECTION: {
        if (s != null && !s.allows(JsonType.ARRAY)) {
          return mismatch(where, ctx, path, type, s);
        }
        ValueNode inner = node(shape.inner(), s == null ? null : s.items(), where, ctx, path + "[]", stack);
        return inner == null ? null : new ValueNode(shape, "array", false, inner, List.of());
      }
      case MAP: {
        if (s != null && (!s.allows(JsonType.OBJECT) || !s.allowsAdditionalProperties())) {
          return mismatch(where, ctx, path, type, s);
        }
        ValueNode inner = node(shape.inner(), null, where, ctx, path + ".*", stack);
        return inner == null ? null : new ValueNode(shape, "object", false, inner, List.of());
      }
      case OPTIONAL: {
        ValueNode inner = node(shape.inner(), schema, where, ctx, path, stack);
        return inner == null ? null : new ValueNode(shape, inner.json(), inner.iso(), inner, List.of());
      }
      case OBJECT:
        return object(shape, s, where, ctx, path, stack);
      default: {
        JsonType json = kind.json();
        if (s != null && !fits(s, json)) {
          return mismatch(where, ctx, path, type, s);
        }
        if (kind == Kind.LOCAL_DATE && s != null && s.format() != null && !s.format().equals("date")) {
          return mismatch(where, ctx, path, type, s);
        }
        if (kind == Kind.ENUM) {
          TypeElement enumType = (TypeElement) ((DeclaredType) type).asElement();
          if (!shapes.accessibleFrom(enumType, ctx.pkg())) {
            reporter.report(Message.NOT_ACCESSIBLE, where, capitalize(ctx.what(path)), display(type), ctx.pkg());
            return null;
          }
          if (s != null && s.enumValues() != null) {
            // the naming rule: a constant is spelled as written, or as its snake_case; one enum, one spelling
            List<String> values = strings(s.enumValues());
            List<String> asWritten = outside(shape.enumConstants(), values, false);
            List<String> snake = asWritten.isEmpty() ? asWritten : outside(shape.enumConstants(), values, true);
            boolean snakeCase = !asWritten.isEmpty() && snake.size() < asWritten.size();
            List<String> outside = snakeCase ? snake : asWritten;
            if (!outside.isEmpty()) {
              boolean one = outside.size() == 1;
              reporter.report(Message.ENUM_OUTSIDE, where, capitalize(ctx.what(path)), enumType.getSimpleName(),
                  (one ? Part.CONSTANT : Part.CONSTANTS).text(), list(outside), list(values), plan.name(),
                  s.pointer(), (one ? Part.CONSTANT : Part.CONSTANTS).text(), (one ? Part.THE_VALUE : Part.THE_VALUES).text());
              return null;
            }
            return new ValueNode(shape, json.keyword(), false, null, List.of(), snakeCase, null);
          }
        }
        if (kind == Kind.STRING && s != null && (s.enumValues() != null || !s.normalize().isEmpty())) {
          // a String cannot be checked at compile time: the mapper normalises it as the plan says, then
          // checks it against the plan's values
          List<String> values = s.enumValues() == null ? null : List.copyOf(strings(s.enumValues()));
          List<String> steps = new java.util.ArrayList<>();
          s.normalize().forEach(n -> steps.add(n.key()));
          return new ValueNode(shape, json.keyword(), false, null, List.of(), false, values, steps);
        }
        return new ValueNode(shape, json.keyword(), false, null, List.of());
      }
    }
  }

  private ValueNode object(JavaShape shape, Schema s, Element where, Ctx ctx, String path, Deque<String> stack) {
    TypeMirror type = shape.type();
    if (s != null && !s.allows(JsonType.OBJECT)) {
      return mismatch(where, ctx, path, type, s);
    }
    TypeElement element = (TypeElement) shape.declared().asElement();
    if (!shapes.accessibleFrom(element, ctx.pkg())) {
      reporter.report(Message.NOT_ACCESSIBLE, where, capitalize(ctx.what(path)), display(type), ctx.pkg());
      return null;
    }
    String name = element.getQualifiedName().toString();
    if (stack.contains(name)) {
      StringJoiner chain = new StringJoiner(" -> ");
      stack.descendingIterator().forEachRemaining(t -> chain.add(t.substring(t.lastIndexOf('.') + 1)));
      chain.add(element.getSimpleName());
      reporter.report(Message.RECURSIVE_TYPE, where, capitalize(ctx.what(path)), element.getSimpleName(), chain);
      return null;
    }
    stack.push(name);
    try {
      Map<String, Member> seen = new LinkedHashMap<>();
      List<Write> writes = new ArrayList<>();
      boolean failed = false;
      for (Member member : shapes.members(shape.declared())) {
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
              childName, ctx.object(path), Binding.describe(first.element()), Part.FIX_DUPLICATE_MEMBER.text());
          failed = true;
          continue;
        }
        Schema childSchema = s == null ? null : s.properties().get(childName);
        if (s != null && childSchema == null && !s.allowsAdditionalProperties()) {
          reporter.reportAt(Message.NOT_ALLOWED, member.element(), "Prop", "value", childName, ctx.object(path),
              list(s.properties().keySet()), plan.name(), s.pointer(), didYouMean(childName, s.properties().keySet()),
              Part.FIX_RENAME_MEMBER.text(), childName);
          failed = true;
          continue;
        }
        ValueNode child = node(member.type(), childSchema, member.element(), ctx, childPath, stack);
        if (child == null) {
          failed = true;
          continue;
        }
        boolean required = s != null && s.required().contains(childName);
        if (required) {
          nullable(member.element(), Binding.describe(member.element()), member.type(), marks.nonNull(), child,
              childSchema, ctx, childPath, s);
        }
        writes.add(new Write(childName, null, member, child, required, childPath));
      }
      if (s != null) {
        requiredNotMapped(s, seen.keySet(), where, ctx, path, null);
      }
      return failed ? null : new ValueNode(shape, "object", false, null, List.copyOf(writes));
    } finally {
      stack.pop();
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

  private ValueNode mismatch(Element where, Ctx ctx, String path, TypeMirror type, Schema s) {
    reporter.report(Message.TYPE_MISMATCH, where, capitalize(ctx.what(path)), display(type), describe(s), plan.name(),
        s.pointer(), javaTypesFor(s));
    return null;
  }

  /** {@code type integer (format unix-time)}, {@code type [string, null]}. */
  static String describe(Schema s) {
    List<String> names = new ArrayList<>();
    for (JsonType t : JsonType.values()) {
      if (s.types().contains(t)) {
        names.add(t.keyword());
      }
    }
    String type = Part.SCHEMA_TYPE.text(names.size() == 1 ? names.get(0) : names.toString());
    if (!s.allowsAdditionalProperties() && s.types().contains(JsonType.OBJECT)) {
      type += Part.SCHEMA_CLOSED.text();
    }
    return s.format() == null ? type : Part.SCHEMA_FORMAT.text(type, s.format());
  }

  private static String javaTypesFor(Schema s) {
    StringJoiner out = new StringJoiner(Part.OR.text());
    for (JsonType t : JsonType.values()) {
      if (!s.types().contains(t)) {
        continue;
      }
      switch (t) {
        case STRING -> out.add(("date-time".equals(s.format()) ? Part.JAVA_FOR_DATE_TIME
            : "date".equals(s.format()) ? Part.JAVA_FOR_DATE : Part.JAVA_FOR_STRING).text());
        case INTEGER -> out.add(("unix-time".equals(s.format()) ? Part.JAVA_FOR_UNIX_TIME : Part.JAVA_FOR_INTEGER).text());
        case NUMBER -> out.add(Part.JAVA_FOR_NUMBER.text());
        case BOOLEAN -> out.add(Part.JAVA_FOR_BOOLEAN.text());
        case ARRAY -> out.add(Part.JAVA_FOR_ARRAY.text());
        case OBJECT -> out.add((s.allowsAdditionalProperties() ? Part.JAVA_FOR_OPEN_OBJECT
            : Part.JAVA_FOR_CLOSED_OBJECT).text());
        default -> { }
      }
    }
    return out.length() == 0 ? Part.JAVA_FOR_NULL.text() : out.toString();
  }

  private static String didYouMean(String wanted, Collection<String> candidates) {
    return Part.didYouMean(Names.closest(wanted, candidates));
  }

  /** The annotation that names a value of this role. */
  private static String mark(Role role) {
    return role == Role.ATTRIBUTE ? "Attr" : "Prop";
  }

  /**
   * How to leave a value out, for the element that maps it: only payload members can be {@code @NotTracked};
   * a parameter or the tracked method's return value loses its mark instead.
   */
  private static Part dropFix(Element where) {
    if (where.getKind() == javax.lang.model.element.ElementKind.PARAMETER) {
      return Part.FIX_DROP_PARAMETER;
    }
    if (Reporter.mirror(where, "TrackEvent") != null || Reporter.mirror(where, "IdentifyOn") != null
        || Reporter.mirror(where, "IdentifyObject") != null || Reporter.mirror(where, "DeleteObject") != null) {
      return Part.FIX_DROP_RESULT;
    }
    return Part.FIX_DROP_MEMBER;
  }

  /** What really leaves a property out depends on where its name comes from: a parameter cannot be @NotTracked. */
  private static Part notAllowedFix(Binding b) {
    if (b.member() != null) {
      return Part.FIX_RENAME_MEMBER;
    }
    return b.fromResult() ? Part.FIX_RENAME_RESULT : Part.FIX_RENAME_PARAMETER;
  }

  private static String list(Collection<String> names) {
    return "[" + String.join(", ", names) + "]";
  }

  private static List<String> strings(List<Object> values) {
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  private static String display(TypeMirror type) {
    return Shapes.display(type);
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
