package io.trackweave.processor.check;

import io.trackweave.api.IdentifierType;
import io.trackweave.plan.ObjectType;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Message.Part;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.Binding.Role;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.ObjectAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * Checks a method's object call ({@code @IdentifyObject}, {@code @DeleteObject}) against the plan's
 * {@code objects}: the annotations go together, the type is in the plan, the object has an id, the person to
 * relate has one, and every attribute (the object's and the relationship's) is one the type declares.
 */
final class ObjectChecker {
  private final TrackingPlan plan;
  private final Reporter reporter;
  private final IdentifierType identifierType;
  private final SourceChecker sources;
  private final ValueChecker values;

  /** @param plan the plan, or null when there is none (then every object call is an error) */
  ObjectChecker(TrackingPlan plan, Reporter reporter, IdentifierType identifierType, SourceChecker sources,
      ValueChecker values) {
    this.plan = plan;
    this.reporter = reporter;
    this.identifierType = identifierType;
    this.sources = sources;
    this.values = values;
  }

  /** Reports annotations that cannot go together on one method; true when there were any. */
  boolean conflicts(MethodModel m, String methodName) {
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

  /**
   * Checks the object call; returns what the writer needs, or null after reporting what is wrong.
   *
   * @param customerId the person's id, or null when the method has none
   */
  ObjectSpec check(MethodModel m, String methodName, Binding customerId) {
    ExecutableElement method = m.method();
    ObjectAction action = m.object();
    String annotation = action.kind().annotation();
    Binding id = sources.unique(m, Role.OBJECT_ID, "ObjectId", Part.OBJECT_ID.text());
    if (id == null) {
      reporter.reportAt(Message.NO_OBJECT_ID, method, annotation, null, annotation, action.type(), methodName);
    } else {
      sources.identifier(id, "ObjectId");
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
            plan.source(), Part.didYouMean(action.type(), plan.objects().keySet()), action.type());
      }
    }
    if (type == null) {
      return null;
    }
    Subject subject = new Subject(Part.OBJECT_TYPE.text(type.name()), true, m.packageName(), true);
    List<Write> attributes = m.identifiesObject() ? writes(m, Role.ATTRIBUTE, type, subject) : List.of();
    List<Write> relationship = action.relate() ? writes(m, Role.RELATIONSHIP_ATTRIBUTE, type, subject) : List.of();
    return new ObjectSpec(action, type, id, attributes, relationship);
  }

  /** The object's attributes or the relationship's, each checked against the object type's schemas. */
  private List<Write> writes(MethodModel m, Role role, ObjectType type, Subject subject) {
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
            (relationship ? Part.RELATIONSHIP_ATTRIBUTE : Part.ATTRIBUTE).text(), name, subject.name(),
            first.describe(), (b.member() == null ? Part.FIX_DUPLICATE_PARAMETER : Part.FIX_DUPLICATE_MEMBER).text());
        continue;
      }
      Schema schema = declared.get(name);
      if (schema == null) {
        reporter.reportAt(relationship ? Message.RELATIONSHIP_ATTR_NOT_ALLOWED : Message.UNKNOWN_OBJECT_ATTRIBUTE,
            b.element(), mark, "value", name, type.name(), plan.name(), plan.source(), type.name(),
            Part.list(declared.keySet()), Part.didYouMean(name, declared.keySet()), type.name());
        continue;
      }
      ValueNode node = values.check(b.type(), schema, b.element(), subject, name);
      if (node != null) {
        // run-time violations name the object type (and the relationship), not a bare attribute name
        String path = type.name() + (relationship ? ".relationship." : ".") + name;
        out.add(new Write(name, b, b.member(), node, false, path));
      }
    }
    return out;
  }
}
