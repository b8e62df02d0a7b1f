package io.trackweave.processor.check;

import io.trackweave.api.IdentifierType;
import io.trackweave.plan.EventDefinition;
import io.trackweave.plan.Names;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.Binding.Role;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.Accessibility;
import io.trackweave.processor.model.PayloadMembers;
import io.trackweave.processor.model.Shapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.tools.Diagnostic;

/**
 * Checks one annotated method ({@link MethodModel}) against the tracking plan (or, without a plan, only
 * against what Java can map): which annotations it carries and whether they go together, who the person is,
 * the event it tracks (name, properties, dedupe key, event time), the attributes it identifies, and the object
 * it writes. Reports every disagreement on the element and annotation value it concerns, and returns what the
 * writer needs, or null when anything was wrong.
 *
 * <p>Values are checked by {@link ValueChecker}, object calls by {@link ObjectChecker}, the sources the mapper
 * reads by {@link SourceChecker}; this class decides what is checked against what.
 */
public final class MethodChecker {
  private final TrackingPlan plan;
  private final Reporter reporter;
  private final IdentifierType identifierType;
  private final NullableSources nullableSources;
  private final SourceChecker sources;
  private final ValueChecker values;
  private final ObjectChecker objects;

  /**
   * @param plan the plan, or null when there is none (only Java-side checks run)
   * @param nullableRequired how a required property fed by a possibly-null source is reported: WARNING,
   *     ERROR, or null to not report it at all
   */
  public MethodChecker(TrackingPlan plan, Shapes shapes, PayloadMembers members, Accessibility access,
      Reporter reporter, Diagnostic.Kind nullableRequired) {
    this.plan = plan;
    this.reporter = reporter;
    this.identifierType = identifierType(plan);
    this.nullableSources = new NullableSources(plan, reporter, nullableRequired);
    this.sources = new SourceChecker(shapes, access, reporter);
    this.values = new ValueChecker(plan, shapes, members, access, reporter, nullableSources);
    this.objects = new ObjectChecker(plan, reporter, identifierType, sources, values);
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

  public MapperSpec check(MethodModel m) {
    nullableSources.clear();
    int before = reporter.errors();
    ExecutableElement method = m.method();
    String methodName = Part.METHOD.text(m.owner().getSimpleName(), method.getSimpleName());
    String annotation = m.mainAnnotation();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      reporter.reportAt(Message.UNREACHABLE_METHOD, method, annotation, null, annotation,
          (modifiers.contains(Modifier.ABSTRACT) ? Part.ABSTRACT : Part.NATIVE).text(), methodName);
      return null;
    }

    if (m.writesObject() && objects.conflicts(m, methodName)) {
      return null; // what the method's values mean is unclear, so checking them would only add noise
    }
    boolean resultReported = false;
    for (Binding b : m.bindings()) {
      resultReported |= checkRole(m, b, methodName, resultReported);
      sources.root(m, b);
    }
    Binding customerId = sources.unique(m, Role.CUSTOMER_ID, "CustomerId", Part.CUSTOMER_ID.text());
    Binding anonymousId = sources.unique(m, Role.ANONYMOUS_ID, "AnonymousId", Part.ANONYMOUS_ID.text());
    Binding timestamp = sources.unique(m, Role.TIMESTAMP, "EventTimestamp", Part.EVENT_TIME.text());
    sources.identifier(customerId, "CustomerId");
    sources.identifier(anonymousId, "AnonymousId");
    sources.timestamp(timestamp);
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
              plan.source(), Part.didYouMean(m.event(), plan.events().keySet()), m.event());
        } else {
          schema = plan.resolve(definition.schema());
        }
      } else if (!Names.isSnakeCase(m.event())) {
        reporter.reportAt(Message.BAD_NAME, method, "TrackEvent", "value", Part.EVENT_NOUN.text(), m.event(),
            Names.toSnakeCase(m.event()));
      }
      Subject subject = new Subject(Part.EVENT.text(m.event()), false, m.packageName());
      properties = writes(m, Role.PROPERTY, schema, subject);
      if (schema != null) {
        values.requiredNotMapped(schema, names(m, Role.PROPERTY), method, subject, "", method);
      }
      if (definition != null && definition.dedupe() != null) {
        String key = definition.dedupe();
        dedupe = key;
        if (properties.stream().noneMatch(w -> w.name().equals(key))) {
          reporter.reportAt(Message.DEDUPE_NOT_MAPPED, method, "TrackEvent", "value", m.event(), dedupe, plan.name(),
              m.event(), dedupe, dedupe);
        }
      }
    }
    List<Write> attributes = List.of();
    if (m.identifies()) {
      attributes = writes(m, Role.ATTRIBUTE, null, new Subject(Part.IDENTIFY.text(), true, m.packageName()));
    }
    ObjectSpec object = m.writesObject() ? objects.check(m, methodName, customerId) : null;
    if (reporter.errors() == before) {
      nullableSources.report(m); // a method that does not compile gets its errors first, not a warning on top
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

  /**
   * Each mark needs the method annotation that sends what it marks, and a value read from the result needs
   * a call that happens only after a normal return. Returns true when it reported that the return value is
   * read on a throwing path.
   */
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
      String asking = forTrack ? "TrackEvent" : "IdentifyOn";
      reporter.reportAt(Message.RESULT_ON_THROW, m.method(), asking, "on", Part.MAPPING_OF.text(methodName),
          Part.ANNOTATION.text(asking), methodName);
      return true;
    }
    return false;
  }

  /** The event's properties, or the person's attributes for identify, each checked against the plan. */
  private List<Write> writes(MethodModel m, Role role, Schema schema, Subject subject) {
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
            (subject.attributes() ? Part.ATTRIBUTE : Part.PROPERTY).text(), name, subject.object(""),
            first.describe(), (b.member() == null ? Part.FIX_DUPLICATE_PARAMETER : Part.FIX_DUPLICATE_MEMBER).text());
        continue;
      }
      Schema valueSchema = null;
      if (subject.attributes()) {
        if (plan != null) {
          valueSchema = plan.attributes().get(name);
          if (valueSchema == null) {
            reporter.reportAt(Message.UNKNOWN_ATTRIBUTE, b.element(), "Attr", "value", name, plan.name(),
                plan.source(), Part.didYouMean(name, plan.attributes().keySet()));
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
          reporter.reportAt(Message.NOT_ALLOWED, b.element(), "Prop", "value", name, subject.object(""),
              Part.list(schema.properties().keySet()), plan.name(), schema.pointer(),
              Part.didYouMean(name, schema.properties().keySet()), notAllowedFix(b).text(), name);
          continue;
        }
      } else if (!Names.isSnakeCase(name)) {
        reporter.reportAt(Message.BAD_NAME, b.element(), "Prop", "value", Part.PROPERTY.text(), name,
            Names.toSnakeCase(name));
        continue;
      }
      ValueNode node = values.check(b.type(), valueSchema, b.element(), subject, name);
      if (node == null) {
        continue;
      }
      boolean required = !subject.attributes() && schema != null && schema.required().contains(name);
      if (required) {
        nullableSources.add(b.element(), b.describe(), b.type(), b.nonNull(), node, valueSchema, subject, name, schema);
      }
      out.add(new Write(name, b, b.member(), node, required, name));
    }
    return out;
  }

  private static Set<String> names(MethodModel m, Role role) {
    Set<String> names = new HashSet<>();
    for (Binding b : m.bindings()) {
      if (b.role() == role) {
        names.add(b.name());
      }
    }
    return names;
  }

  /** The annotation that names a value of this role. */
  private static String mark(Role role) {
    return role == Role.ATTRIBUTE ? "Attr" : "Prop";
  }

  /** What really leaves a property out depends on where its name comes from: a parameter cannot be @NotTracked. */
  private static Part notAllowedFix(Binding b) {
    if (b.member() != null) {
      return Part.FIX_RENAME_MEMBER;
    }
    return b.fromResult() ? Part.FIX_RENAME_RESULT : Part.FIX_RENAME_PARAMETER;
  }
}
