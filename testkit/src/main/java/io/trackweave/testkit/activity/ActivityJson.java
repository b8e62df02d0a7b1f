package io.trackweave.testkit.activity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.AnonymousView;
import io.trackweave.testkit.model.Counts;
import io.trackweave.testkit.model.DeviceView;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.PlanViolation;
import java.util.List;

/**
 * The activity log as JSON ({@code GET /activity}): counts, people with their attributes, events and
 * violations, anonymous events, suppressed identifiers, and the latest calls (newest first).
 */
public final class ActivityJson {
  private ActivityJson() {}

  /**
   * @param plan a description of the plan in force ({@code name v7}), or null
   */
  public static ObjectNode render(
      ModelSnapshot model, List<CallRecord> latestCalls, long totalCalls, long failedCalls, String plan) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode emulator = root.putObject("emulator");
    emulator.put("name", "Trackweave Track API emulator");
    if (plan != null) {
      emulator.put("plan", plan);
    } else {
      emulator.putNull("plan");
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
      person.set("violations", violations(p.violations()));
      person.set("events", events(p.events()));
    }

    ArrayNode anonymous = root.putArray("anonymous");
    for (AnonymousView a : model.anonymous()) {
      ObjectNode guest = anonymous.addObject();
      guest.put("anonymous_id", a.anonymousId());
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
    }
    return out;
  }

  private static ArrayNode violations(List<PlanViolation> violations) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (PlanViolation v : violations) {
      out.addObject().put("subject", v.subject()).put("path", v.path()).put("message", v.message());
    }
    return out;
  }
}
