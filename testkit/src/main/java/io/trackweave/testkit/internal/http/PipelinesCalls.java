package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.internal.model.ObjectId;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.internal.model.Relation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Parses one Data Pipelines API call ({@code POST /v1/identify}, {@code /v1/track}, {@code /v1/page},
 * {@code /v1/screen}, {@code /v1/group}, {@code /v1/alias}, or one item of {@code /v1/batch}) into the
 * same {@link Operation}s the Track API's requests become, so one people model serves both APIs.
 *
 * <p>A {@code userId} with an {@code @} names a person by email, any other by id. Customer.io's semantic
 * events ({@code User Deleted}, {@code User Suppressed}, {@code User Unsuppressed}, {@code Device Created
 * or Updated}, {@code Device Deleted}, {@code Relationship Deleted}, {@code Object Deleted}) become the
 * operations they stand for; a {@code group} call identifies an object and relates the caller to it. {@code messageId} is kept
 * out of the model's event id: Customer.io documents no deduplication on it, so the emulator does not
 * deduplicate either (a duplicate shows up as two events, as it may at Customer.io).
 */
final class PipelinesCalls {
  private PipelinesCalls() {}

  /**
   * @param call the endpoint's call type, or null for a batch item (whose {@code type} decides)
   */
  static Operation parse(JsonNode item, String call) throws BadRequest {
    if (item == null || !item.isObject()) {
      throw BadRequest.invalid("", "each call must be a JSON object");
    }
    String type = V2Operations.text(item, "type");
    if (call == null) {
      if (type == null) {
        throw BadRequest.missing("type");
      }
      if (type.equals("alias")) {
        throw BadRequest.invalid("type", "alias is not one of the batch's call types (identify, track, page, screen, group)");
      }
      call = type;
    } else if (type != null && !type.equals(call)) {
      throw BadRequest.invalid("type", "type '" + type + "' sent to the " + call + " endpoint");
    }
    if (call.equals("alias")) {
      String previousId = V2Operations.text(item, "previousId");
      String userId = V2Operations.text(item, "userId");
      if (previousId == null || previousId.isEmpty()) {
        throw BadRequest.missing("previousId");
      }
      if (userId == null || userId.isEmpty()) {
        throw BadRequest.missing("userId");
      }
      return new Operation.Merge(person(userId), person(previousId));
    }
    String userId = V2Operations.text(item, "userId");
    String anonymousId = V2Operations.text(item, "anonymousId");
    Identifier who = userId == null || userId.isEmpty() ? null : person(userId);
    timestamp(item);
    switch (call) {
      case "identify": {
        if (who == null && (anonymousId == null || anonymousId.isEmpty())) {
          throw BadRequest.missing("userId");
        }
        JsonNode traits = V2Operations.object(item, "traits", false);
        ObjectNode attributes = traits == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) traits).deepCopy();
        if (who == null) {
          return new Operation.NotModeled("identify for anonymousId=" + anonymousId + " only");
        }
        return new Operation.Identify(who, attributes, anonymousId, false);
      }
      case "track":
        return track(item, who, anonymousId);
      case "page":
      case "screen": {
        requirePerson(who, anonymousId);
        String name = V2Operations.text(item, "name");
        JsonNode properties = V2Operations.object(item, "properties", false);
        return new Operation.Track(who, anonymousId, name == null || name.isBlank() ? call : name.trim(), call,
            null, timestamp(item), (ObjectNode) properties);
      }
      case "group":
        return group(item, who, anonymousId);
      default:
        throw BadRequest.invalid("type", "unknown call type '" + call + "'");
    }
  }

  private static Operation track(JsonNode item, Identifier who, String anonymousId) throws BadRequest {
    requirePerson(who, anonymousId);
    String event = V2Operations.text(item, "event");
    if (event == null || event.isBlank()) {
      throw BadRequest.missing("event");
    }
    JsonNode properties = V2Operations.object(item, "properties", false);
    switch (event) {
      case "User Deleted":
        return new Operation.Delete(requireUser(who));
      case "User Suppressed":
        return new Operation.Suppress(requireUser(who));
      case "User Unsuppressed":
        return new Operation.Unsuppress(requireUser(who));
      case "Device Created or Updated": {
        JsonNode device = device(item);
        String platform = V2Operations.text(device, "type");
        if (platform != null && !platform.equals("ios") && !platform.equals("android")) {
          throw BadRequest.invalid("context.device.type", "device type must be ios or android, not '" + platform + "'");
        }
        ObjectNode attributes = properties == null ? null : ((ObjectNode) properties).deepCopy();
        Long lastUsed = null;
        if (attributes != null && attributes.has("last_used")) {
          lastUsed = attributes.remove("last_used").asLong();
        }
        return new Operation.AddDevice(requireUser(who), V2Operations.text(device, "token"),
            platform == null ? "unknown" : platform, lastUsed, attributes);
      }
      case "Device Deleted":
        return new Operation.DeleteDevice(requireUser(who), V2Operations.text(device(item), "token"));
      case "Relationship Deleted": {
        ObjectId object = semanticObject(properties);
        return new Operation.Relate(requireUser(who), List.of(new Relation(object, null, null, null)), false);
      }
      case "Object Deleted":
        return new Operation.DeleteObject(semanticObject(properties));
      default:
        return new Operation.Track(who, anonymousId, event.trim(), "event", null, timestamp(item),
            (ObjectNode) properties);
    }
  }

  /**
   * A {@code group} call: the group is an object ({@code traits.object_type_id}, {@code "1"} when absent), the
   * other traits its attributes, and the person (or anonymous id) is related to it with {@code
   * traits.relationshipAttributes}.
   */
  private static Operation group(JsonNode item, Identifier who, String anonymousId) throws BadRequest {
    requirePerson(who, anonymousId);
    String groupId = V2Operations.text(item, "groupId");
    if (groupId == null || groupId.isEmpty()) {
      throw BadRequest.missing("groupId");
    }
    JsonNode traits = V2Operations.object(item, "traits", false);
    ObjectNode attributes = traits == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) traits).deepCopy();
    String typeId = typeId(attributes.remove("object_type_id"), "traits.object_type_id");
    JsonNode relationship = attributes.remove("relationshipAttributes");
    if (relationship != null && !relationship.isNull() && !relationship.isObject()) {
      throw BadRequest.invalid("traits.relationshipAttributes", "'relationshipAttributes' must be an object");
    }
    ObjectId object = ObjectId.of(typeId, groupId);
    Relation relation = new Relation(object, who, who == null ? anonymousId : null,
        relationship == null || relationship.isNull() ? null : (ObjectNode) relationship);
    return new Operation.IdentifyObject(object, attributes, List.of(relation));
  }

  /** The object of a {@code Relationship Deleted} or {@code Object Deleted} event: {@code properties.objectId}. */
  private static ObjectId semanticObject(JsonNode properties) throws BadRequest {
    if (properties == null) {
      throw BadRequest.missing("properties.objectId");
    }
    String objectId = V2Operations.text(properties, "objectId");
    if (objectId == null || objectId.isEmpty()) {
      throw BadRequest.missing("properties.objectId");
    }
    return ObjectId.of(typeId(properties.get("objectTypeId"), "properties.objectTypeId"), objectId);
  }

  /**
   * An object type id: a string-formatted integer ({@code group} traits) or an integer (the semantic events'
   * {@code objectTypeId}); {@code "1"} when absent, as Customer.io assumes.
   */
  private static String typeId(JsonNode node, String field) throws BadRequest {
    if (node == null || node.isNull()) {
      return "1";
    }
    String text = node.isIntegralNumber() || node.isTextual() ? node.asText() : "";
    if (!text.matches("[1-9][0-9]{0,9}")) {
      throw BadRequest.invalid(field, "'" + field + "' must be an object type id from 1, like \"1\", not " + node);
    }
    return text;
  }

  private static JsonNode device(JsonNode item) throws BadRequest {
    JsonNode context = V2Operations.object(item, "context", true);
    JsonNode device = context.get("device");
    if (device == null || !device.isObject()) {
      throw BadRequest.missing("context.device");
    }
    String token = V2Operations.text(device, "token");
    if (token == null || token.isEmpty()) {
      throw BadRequest.missing("context.device.token");
    }
    return device;
  }

  private static void requirePerson(Identifier who, String anonymousId) throws BadRequest {
    if (who == null && (anonymousId == null || anonymousId.isEmpty())) {
      throw BadRequest.invalid("userId", "a call needs a userId or an anonymousId");
    }
  }

  private static Identifier requireUser(Identifier who) throws BadRequest {
    if (who == null) {
      throw BadRequest.missing("userId");
    }
    return who;
  }

  /** A userId as the person it names: an email when it has an {@code @}, else an id. */
  static Identifier person(String userId) {
    return userId.indexOf('@') > 0 ? Identifier.email(userId) : Identifier.id(userId);
  }

  /** The ISO-8601 {@code timestamp} as unix seconds, or null when absent. */
  static Long timestamp(JsonNode item) throws BadRequest {
    JsonNode node = item.get("timestamp");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw BadRequest.invalid("timestamp", "'timestamp' must be an ISO-8601 date-time string");
    }
    try {
      return Instant.parse(node.asText()).getEpochSecond();
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(node.asText()).toEpochSecond();
      } catch (DateTimeParseException e2) {
        throw BadRequest.invalid("timestamp", "'timestamp' is not an ISO-8601 date-time: " + node.asText());
      }
    }
  }
}
