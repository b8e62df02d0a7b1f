package io.trackweave.testkit.internal.activity;

import io.trackweave.testkit.model.OperationRecord;
import io.trackweave.testkit.model.CallRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.plan.EventDefinition;
import io.trackweave.plan.Schema;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.model.AnonymousView;
import io.trackweave.testkit.model.DecidingEvent;
import io.trackweave.testkit.model.DeclinedTrigger;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.EventTotal;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.PersonRef;
import io.trackweave.testkit.model.WouldMessage;
import java.time.Instant;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.DeviceView;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.RelationshipView;
import io.trackweave.testkit.model.PlanViolation;
import java.util.List;

/**
 * The activity log as JSON ({@code GET /activity}): counts, per-event totals, the plan's journeys (entered,
 * exited, would-message, with the deciding events), people with their attributes, events, violations and
 * relationships, objects with their attributes and relationships, anonymous events, suppressed identifiers, and the latest calls (newest first). Each event says whether it
 * can trigger campaigns ({@code can_trigger}); the plan's {@code unix-time} attributes and properties are
 * listed so the page can show them as dates.
 */
public final class ActivityJson {
  private ActivityJson() {}

  /**
   * @param plan the plan in force, or null
   * @param now the emulator clock's now
   */
  public static ObjectNode render(
      ModelSnapshot model, List<CallRecord> latestCalls, long totalCalls, long failedCalls, TrackingPlan plan,
      Instant now) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode emulator = root.putObject("emulator");
    emulator.put("name", "Trackweave Track API emulator");
    if (plan != null) {
      emulator.put("plan", plan.name() + " v" + plan.version());
    } else {
      emulator.putNull("plan");
    }
    emulator.put("now", now.toString());
    ArrayNode unixAttributes = emulator.putArray("unix_time_attributes");
    ObjectNode unixProperties = emulator.putObject("unix_time_properties");
    if (plan != null) {
      plan.attributes().forEach((name, schema) -> {
        if (isUnixTime(plan, schema)) {
          unixAttributes.add(name);
        }
      });
      for (EventDefinition event : plan.events().values()) {
        Schema schema = plan.resolve(event.schema());
        if (schema == null) {
          continue;
        }
        ArrayNode names = f.arrayNode();
        schema.properties().forEach((name, property) -> {
          if (isUnixTime(plan, property)) {
            names.add(name);
          }
        });
        if (!names.isEmpty()) {
          unixProperties.set(event.name(), names);
        }
      }
    }
    Counts c = model.counts();
    ObjectNode counts = root.putObject("counts");
    counts.put("calls", totalCalls);
    counts.put("failed_calls", failedCalls);
    counts.put("operations", c.operations());
    counts.put("people", c.people());
    counts.put("events", c.events());
    counts.put("anonymous_events", c.anonymousEvents());
    counts.put("deduplicated", c.deduplicated());
    counts.put("evicted", c.evicted());
    counts.put("ignored", c.ignored());
    counts.put("violations", c.violations());
    counts.put("cannot_trigger", c.cannotTrigger());
    counts.put("not_merged", c.notMerged());
    counts.put("anonymous_expired", c.anonymousExpired());
    counts.put("objects", c.objects());
    counts.put("relationships", c.relationships());

    ArrayNode totals = root.putArray("event_totals");
    for (EventTotal t : model.eventTotals()) {
      totals.addObject().put("name", t.name()).put("received", t.received()).put("violated", t.violated())
          .put("cannot_trigger", t.cannotTrigger());
    }

    ArrayNode journeys = root.putArray("journeys");
    for (JourneyView j : model.journeys()) {
      journeys.add(journey(j));
    }

    ArrayNode people = root.putArray("people");
    for (PersonView p : model.people()) {
      ObjectNode person = people.addObject();
      person.put("cio_id", p.cioId());
      person.put("id", p.id());
      person.put("email", p.email());
      person.put("phone", p.phone());
      person.put("display_name", p.displayName());
      person.put("created_at", p.createdAt().toString());
      person.put("updated_at", p.updatedAt().toString());
      person.set("attributes", p.attributes());
      ArrayNode anonymousIds = person.putArray("anonymous_ids");
      p.anonymousIds().forEach(anonymousIds::add);
      ArrayNode devices = person.putArray("devices");
      for (DeviceView d : p.devices()) {
        ObjectNode device = devices.addObject();
        device.put("token", d.token());
        device.put("platform", d.platform());
        if (d.lastUsed() != null) {
          device.put("last_used", d.lastUsed());
        }
        device.set("attributes", d.attributes());
      }
      ArrayNode relationships = person.putArray("relationships");
      for (RelationshipView r : p.relationships()) {
        relationships.addObject().put("object_type_id", r.objectTypeId()).put("object_id", r.objectId())
            .put("related_at", r.relatedAt().toString()).set("attributes", r.attributes());
      }
      person.set("violations", violations(p.violations()));
      person.set("events", events(p.events()));
    }

    ArrayNode objects = root.putArray("objects");
    for (ObjectView o : model.objects()) {
      ObjectNode object = objects.addObject();
      object.put("object_type_id", o.typeId());
      object.put("object_id", o.id());
      object.put("cio_object_id", o.cioObjectId());
      object.put("created_at", o.createdAt().toString());
      object.put("updated_at", o.updatedAt().toString());
      object.set("attributes", o.attributes());
      ArrayNode related = object.putArray("relationships");
      for (RelationshipView r : o.relationships()) {
        ObjectNode relation = related.addObject();
        if (r.person() != null) {
          relation.set("person", person(r.person()));
        } else {
          relation.put("anonymous_id", r.anonymousId());
        }
        relation.put("related_at", r.relatedAt().toString());
        relation.set("attributes", r.attributes());
      }
    }

    ArrayNode anonymous = root.putArray("anonymous");
    for (AnonymousView a : model.anonymous()) {
      ObjectNode guest = anonymous.addObject();
      guest.put("anonymous_id", a.anonymousId());
      if (a.identifiedAs() != null) {
        guest.set("identified_as", person(a.identifiedAs()));
        guest.put("identified_at", a.identifiedAt() == null ? null : a.identifiedAt().toString());
      }
      guest.set("events", events(a.events()));
    }

    ArrayNode suppressed = root.putArray("suppressed");
    for (Identifier s : model.suppressed()) {
      suppressed.addObject().put("type", s.type()).put("value", s.value());
    }

    ArrayNode calls = root.putArray("calls");
    for (CallRecord call : latestCalls) {
      ObjectNode node = calls.addObject();
      node.put("seq", call.seq());
      node.put("received_at", call.receivedAt().toString());
      node.put("method", call.method());
      node.put("path", call.path());
      node.put("status", call.status());
      node.put("bytes", call.bytes());
      node.put("error", call.error());
      ArrayNode operations = node.putArray("operations");
      for (OperationRecord op : call.operations()) {
        ObjectNode o = operations.addObject();
        if (op.batchIndex() >= 0) {
          o.put("batch_index", op.batchIndex());
        }
        o.put("description", op.description());
        o.put("outcome", op.outcome());
        o.put("accepted", op.accepted());
        o.set("violations", violations(op.violations()));
      }
    }
    return root;
  }

  private static ArrayNode events(List<EventView> events) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (EventView e : events) {
      ObjectNode event = out.addObject();
      event.put("seq", e.seq());
      event.put("id", e.id());
      event.put("name", e.name());
      event.put("type", e.type());
      event.put("timestamp", e.timestamp());
      event.put("received_at", e.receivedAt().toString());
      event.put("anonymous_id", e.anonymousId());
      event.set("properties", e.properties());
      event.set("violations", violations(e.violations()));
      event.put("can_trigger", e.canTrigger());
      if (e.note() != null) {
        event.put("note", e.note());
      }
    }
    return out;
  }

  private static boolean isUnixTime(TrackingPlan plan, Schema schema) {
    Schema s = plan.resolve(schema);
    return s != null && "unix-time".equals(s.format());
  }

  private static ObjectNode journey(JourneyView j) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", j.name());
    node.put("description", j.description());
    node.put("trigger", j.trigger());
    node.put("segment", j.segment());
    ArrayNode exitOn = node.putArray("exit_on");
    j.exitOn().forEach(exitOn::add);
    ArrayNode steps = node.putArray("steps");
    j.steps().forEach(steps::add);
    node.put("entered", j.entered());
    node.put("exited", j.exited());
    node.put("would_message", j.wouldMessage());
    ArrayNode enrolments = node.putArray("enrolments");
    for (Enrolment e : j.enrolments()) {
      ObjectNode o = enrolments.addObject();
      o.set("person", person(e.person()));
      o.put("state", e.state().name().toLowerCase(java.util.Locale.ROOT));
      o.put("entered_at", e.enteredAt().toString());
      o.set("trigger", deciding(e.trigger()));
      ArrayNode messages = o.putArray("messages");
      for (WouldMessage m : e.messages()) {
        messages.addObject().put("step", m.step()).put("message", m.message()).put("at", m.at().toString());
      }
      if (e.exitedAt() != null) {
        o.put("exited_at", e.exitedAt().toString());
        o.put("exit_reason", e.exitReason());
        o.set("exit_event", e.exitEvent() == null ? null : deciding(e.exitEvent()));
      }
      if (e.nextStepAt() != null) {
        o.put("next_step_at", e.nextStepAt().toString());
        o.put("next_message", e.nextMessage());
      }
    }
    ArrayNode declined = node.putArray("declined");
    for (DeclinedTrigger d : j.declined()) {
      ObjectNode o = declined.addObject();
      o.set("person", person(d.person()));
      o.set("event", deciding(d.event()));
      o.put("reason", d.reason());
      o.put("at", d.at().toString());
    }
    return node;
  }

  private static ObjectNode person(PersonRef p) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("display_name", p.displayName());
    o.put("cio_id", p.cioId());
    o.put("id", p.id());
    o.put("email", p.email());
    return o;
  }

  private static ObjectNode deciding(DecidingEvent e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("seq", e.seq());
    o.put("id", e.id());
    o.put("name", e.name());
    o.put("timestamp", e.timestamp());
    o.put("received_at", e.receivedAt().toString());
    return o;
  }

  private static ArrayNode violations(List<PlanViolation> violations) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (PlanViolation v : violations) {
      out.addObject().put("subject", v.subject()).put("path", v.path()).put("message", v.message());
    }
    return out;
  }
}
