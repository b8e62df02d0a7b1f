package io.trackweave.testkit.internal.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.plan.PlanValidator;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.plan.Violation;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.internal.model.Relation;
import io.trackweave.testkit.model.PlanViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks each operation against the tracking plan: event properties against the event's schema, identify
 * attributes against the plan's attributes, the identifier against the plan's person key, and an
 * object's attributes and its relationships' attributes against the plan's object type with that
 * {@code object_type_id}. Without a plan it finds nothing.
 */
public final class PlanCheck {
  /** No plan: every call passes. */
  public static final PlanCheck NONE = new PlanCheck(null, null);

  private final TrackingPlan plan;
  private final PlanValidator validator;

  private PlanCheck(TrackingPlan plan, PlanValidator validator) {
    this.plan = plan;
    this.validator = validator;
  }

  public static PlanCheck of(TrackingPlan plan) {
    return new PlanCheck(Objects.requireNonNull(plan, "plan"), PlanValidator.of(plan));
  }

  /** The plan checked against, or null. */
  public TrackingPlan plan() {
    return plan;
  }

  /** How {@code operation} breaks the plan; empty when it does not (or there is no plan). */
  public List<PlanViolation> check(Operation operation) {
    if (plan == null) {
      return List.of();
    }
    List<PlanViolation> found = new ArrayList<>();
    if (operation instanceof Operation.Track track) {
      // page and screen views are named by the page, not by the plan
      if (!"event".equals(track.type())) {
        return List.of();
      }
      String subject = "event " + track.name();
      identifier(track.who(), subject, found);
      JsonNode properties =
          track.properties() != null
              ? track.properties()
              : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      List<Violation> violations = validator.event(track.name(), properties);
      for (Violation v : violations) {
        found.add(new PlanViolation(subject, v.path(), v.message()));
      }
      if (violations.isEmpty() && plan.event(track.name()) == null) {
        found.add(
            new PlanViolation(
                subject, "", "event '" + track.name() + "' is not in tracking plan '" + plan.name() + "'"));
      }
    } else if (operation instanceof Operation.Identify identify) {
      identifier(identify.who(), "identify", found);
      ObjectNode attributes = identify.attributes().deepCopy();
      // identifiers travel in the attributes in v1, but they are not attributes of the plan
      attributes.remove("id");
      attributes.remove("cio_id");
      for (Violation v : validator.attributes(attributes)) {
        found.add(new PlanViolation("attributes", v.path(), v.message()));
      }
    } else if (operation instanceof Operation.IdentifyObject object) {
      String subject = "object " + object.object().typeId() + "/" + object.object().id();
      if (object.object().typeId() != null) {
        for (Violation v : validator.objectAttributes(object.object().typeId(), object.attributes())) {
          found.add(new PlanViolation(subject, v.path(), v.message()));
        }
      }
      relations(object.relationships(), found);
    } else if (operation instanceof Operation.Relate relate && relate.add()) {
      relations(relate.relations(), found);
    }
    return found;
  }

  /** A relationship's attributes against its object type's {@code relationship} schema. */
  private void relations(List<Relation> relations, List<PlanViolation> found) {
    for (Relation r : relations) {
      if (r.object().typeId() == null || r.attributes() == null || r.attributes().isEmpty()) {
        continue; // addressed by cio_object_id only, or nothing to check
      }
      String subject = "relationship " + r.object().typeId() + "/" + r.object().id();
      for (Violation v : validator.relationshipAttributes(r.object().typeId(), r.attributes())) {
        found.add(new PlanViolation(subject, v.path(), v.message()));
      }
    }
  }

  private void identifier(Identifier who, String subject, List<PlanViolation> found) {
    if (who == null || plan.identifier() == null) {
      return;
    }
    // cio_id always addresses an existing person, whatever the workspace's key
    if (!who.type().equals(plan.identifier()) && !Identifier.CIO_ID.equals(who.type())) {
      found.add(
          new PlanViolation(
              subject,
              "identifiers",
              "the plan identifies people by " + plan.identifier() + ", but this call used " + who.type()));
    }
  }
}
