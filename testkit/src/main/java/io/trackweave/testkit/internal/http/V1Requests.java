package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.internal.model.Relation;
import java.util.List;
import java.util.Map;

/** Parses Track API v1 calls (path and JSON body) into {@link Operation}s. */
final class V1Requests {
  private V1Requests() {}

  /** {@code PUT /api/v1/customers/{identifier}}: the body is the attributes. */
  static Operation identify(Identifier who, JsonNode body) throws BadRequest {
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    boolean updateOnly = false;
    String anonymousId = null;
    JsonNode relationships = body.get("cio_relationships");
    boolean delete = false;
    List<Relation> objects = List.of();
    if (relationships != null && !relationships.isNull()) {
      // v1 wraps v2's array: {"action": "add_relationships" | "delete_relationships", "relationships": [...]}
      if (!relationships.isObject()) {
        throw BadRequest.invalid("cio_relationships", "'cio_relationships' must be an object with action and relationships");
      }
      String action = V2Operations.text(relationships, "action");
      if (action != null && !action.equals("add_relationships") && !action.equals("delete_relationships")) {
        throw BadRequest.invalid("cio_relationships.action",
            "action must be add_relationships or delete_relationships, not '" + action + "'");
      }
      delete = "delete_relationships".equals(action);
      objects = V2Objects.objects(relationships.get("relationships"), "cio_relationships.relationships", true);
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      switch (field.getKey()) {
        case "_update" -> updateOnly = field.getValue().asBoolean(false);
        case "_timestamp", "cio_relationships" -> {}
        case "anonymous_id" -> {
          if (!field.getValue().isNull()) {
            anonymousId = V2Operations.text(body, "anonymous_id");
          }
        }
        default -> attributes.set(field.getKey(), field.getValue());
      }
    }
    return new Operation.Identify(who, attributes, anonymousId, updateOnly, objects, delete);
  }

  /** {@code POST /api/v1/customers/{identifier}/events}, or with {@code who == null} {@code /api/v1/events}. */
  static Operation track(Identifier who, JsonNode body) throws BadRequest {
    String name = V2Operations.text(body, "name");
    if (name == null || name.isBlank()) {
      throw BadRequest.missing("name");
    }
    String type = V2Operations.text(body, "type");
    if (type == null) {
      type = "event";
    }
    if (!type.equals("event") && !type.equals("page") && !type.equals("screen")) {
      throw BadRequest.invalid("type", "type must be event, page or screen, not '" + type + "'");
    }
    String id = V2Operations.eventId(body.get("id"), "id");
    Long timestamp = V2Operations.timestamp(body.get("timestamp"), "timestamp");
    JsonNode data = V2Operations.object(body, "data", false);
    String anonymousId = V2Operations.text(body, "anonymous_id");
    if (who == null && anonymousId == null) {
      anonymousId = ""; // Customer.io keeps it, but nothing can ever claim it
    }
    return new Operation.Track(who, anonymousId, name.trim(), type, id, timestamp, (ObjectNode) data);
  }

  /** {@code PUT /api/v1/customers/{identifier}/devices}. */
  static Operation addDevice(Identifier who, JsonNode body) throws BadRequest {
    JsonNode device = V2Operations.object(body, "device", true);
    String id = V2Operations.text(device, "id");
    if (id == null || id.isEmpty()) {
      throw BadRequest.missing("device.id");
    }
    String platform = V2Operations.text(device, "platform");
    if (platform == null) {
      throw BadRequest.missing("device.platform");
    }
    if (!platform.equals("ios") && !platform.equals("android")) {
      throw BadRequest.invalid("device.platform", "platform must be ios or android, not '" + platform + "'");
    }
    Long lastUsed = V2Operations.timestamp(device.get("last_used"), "device.last_used");
    JsonNode attributes = V2Operations.object(device, "attributes", false);
    return new Operation.AddDevice(who, id, platform, lastUsed, (ObjectNode) attributes);
  }

  /** {@code POST /api/v1/merge_customers}. */
  static Operation merge(JsonNode body) throws BadRequest {
    return new Operation.Merge(
        V2Operations.identifiers(body, "primary"), V2Operations.identifiers(body, "secondary"));
  }
}
