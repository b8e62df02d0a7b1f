package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.internal.model.Operation;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses one v2 entity payload ({@code /api/v2/entity}, or one item of {@code /api/v2/batch}) into an
 * {@link Operation}, following the spec's {@code person_*} schemas (the {@code object_*} ones in {@link V2Objects}).
 *
 * <p>An anonymous event is a person {@code event} (or page, screen) without {@code identifiers} and with a
 * top-level {@code anonymous_id} (an {@code identifiers} object holding only {@code anonymous_id} is read
 * the same way).
 */
final class V2Operations {
  private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}");

  private V2Operations() {}

  static Operation parse(JsonNode item) throws BadRequest {
    if (item == null || !item.isObject()) {
      throw BadRequest.invalid("", "each operation must be a JSON object");
    }
    String type = text(item, "type");
    if (type == null) {
      throw BadRequest.missing("type");
    }
    String action = text(item, "action");
    if (action == null) {
      throw BadRequest.missing("action");
    }
    switch (type) {
      case "person":
        break;
      case "object":
        return V2Objects.parse(item, action);
      case "delivery":
        return new Operation.NotModeled(type + " " + action);
      default:
        throw BadRequest.invalid("type", "type must be person, object or delivery, not '" + type + "'");
    }
    switch (action) {
      case "identify":
        return identify(item);
      case "event":
      case "page":
      case "screen":
        return event(item, action);
      case "delete":
        return new Operation.Delete(identifiers(item, "identifiers"));
      case "suppress":
        return new Operation.Suppress(identifiers(item, "identifiers"));
      case "unsuppress":
        return new Operation.Unsuppress(identifiers(item, "identifiers"));
      case "merge":
        return new Operation.Merge(identifiers(item, "primary"), identifiers(item, "secondary"));
      case "add_device":
        return addDevice(item);
      case "delete_device":
        {
          JsonNode device = object(item, "device", true);
          String token = text(device, "token");
          if (token == null || token.isEmpty()) {
            throw BadRequest.missing("device.token");
          }
          return new Operation.DeleteDevice(identifiers(item, "identifiers"), token);
        }
      case "add_relationships":
      case "delete_relationships":
        return V2Objects.personRelationships(item, identifiers(item, "identifiers"), action.startsWith("add"));
      default:
        throw BadRequest.invalid("action", "unknown person action '" + action + "'");
    }
  }

  private static Operation identify(JsonNode item) throws BadRequest {
    JsonNode given = object(item, "attributes", false);
    ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    boolean updateOnly = false;
    String anonymousId = text(item, "anonymous_id");
    if (given != null) {
      for (Map.Entry<String, JsonNode> field : given.properties()) {
        switch (field.getKey()) {
          case "_update" -> updateOnly = field.getValue().asBoolean(false);
          case "_timestamp", "cio_relationships" -> {}
          case "anonymous_id" -> {
            if (anonymousId == null && field.getValue().isTextual()) {
              anonymousId = field.getValue().asText();
            }
          }
          default -> attributes.set(field.getKey(), field.getValue());
        }
      }
    }
    Identifier who = identifiers(item, "identifiers");
    return new Operation.Identify(
        who, attributes, anonymousId, updateOnly, V2Objects.objects(item.get("cio_relationships"), false), false);
  }

  private static Operation event(JsonNode item, String action) throws BadRequest {
    String name = text(item, "name");
    if (name == null || name.isBlank()) {
      throw BadRequest.missing("name");
    }
    String id = eventId(item.get("id"), "id");
    Long timestamp = timestamp(item.get("timestamp"), "timestamp");
    JsonNode properties = object(item, "attributes", false);
    JsonNode identifiers = item.get("identifiers");
    String anonymousId = text(item, "anonymous_id");
    Identifier who = null;
    if (identifiers != null && identifiers.isObject() && identifiers.size() == 1
        && identifiers.has("anonymous_id")) {
      anonymousId = text(identifiers, "anonymous_id");
    } else if (identifiers != null || anonymousId == null) {
      who = identifiers(item, "identifiers");
    }
    if (who == null && (anonymousId == null || anonymousId.isEmpty())) {
      throw BadRequest.missing("anonymous_id");
    }
    return new Operation.Track(
        who, anonymousId, name.trim(), action, id, timestamp, (ObjectNode) properties);
  }

  private static Operation addDevice(JsonNode item) throws BadRequest {
    JsonNode device = object(item, "device", true);
    String token = text(device, "token");
    if (token == null || token.isEmpty()) {
      throw BadRequest.missing("device.token");
    }
    String platform = text(device, "platform");
    if (platform == null) {
      throw BadRequest.missing("device.platform");
    }
    if (!platform.equals("ios") && !platform.equals("android")) {
      throw BadRequest.invalid("device.platform", "platform must be ios or android, not '" + platform + "'");
    }
    Long lastUsed = timestamp(device.get("last_used"), "device.last_used");
    JsonNode attributes = object(device, "attributes", false);
    return new Operation.AddDevice(
        identifiers(item, "identifiers"), token, platform, lastUsed, (ObjectNode) attributes);
  }

  /** Reads an {@code identifiers}-like object: exactly one of id, email, cio_id, phone. */
  static Identifier identifiers(JsonNode item, String field) throws BadRequest {
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      throw BadRequest.missing(field);
    }
    if (!node.isObject() || node.size() != 1) {
      throw BadRequest.invalid(field, "'" + field + "' must hold exactly one of id, email, cio_id, phone");
    }
    Map.Entry<String, JsonNode> only = node.properties().iterator().next();
    if (!Identifier.isType(only.getKey())) {
      throw BadRequest.invalid(
          field + "." + only.getKey(), "unknown identifier '" + only.getKey() + "': use id, email, cio_id or phone");
    }
    JsonNode value = only.getValue();
    if (!(value.isTextual() || value.isIntegralNumber()) || value.asText().isEmpty()) {
      throw BadRequest.invalid(field + "." + only.getKey(), "identifier must be a non-empty string");
    }
    return new Identifier(only.getKey(), value.asText());
  }

  static String eventId(JsonNode id, String field) throws BadRequest {
    if (id == null || id.isNull()) {
      return null;
    }
    if (!id.isTextual() || !ULID.matcher(id.asText()).matches()) {
      throw BadRequest.invalid(field, "event id must be a ULID (26 Crockford base32 characters): " + id);
    }
    return id.asText().toUpperCase(java.util.Locale.ROOT);
  }

  static Long timestamp(JsonNode node, String field) throws BadRequest {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw BadRequest.invalid(field, "'" + field + "' must be an integer of unix seconds");
    }
    return node.asLong();
  }

  static JsonNode object(JsonNode item, String field, boolean required) throws BadRequest {
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw BadRequest.missing(field);
      }
      return null;
    }
    if (!node.isObject()) {
      throw BadRequest.invalid(field, "'" + field + "' must be an object");
    }
    return node;
  }

  static String text(JsonNode item, String field) throws BadRequest {
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw BadRequest.invalid(field, "'" + field + "' must be a string");
    }
    return node.asText();
  }
}
