package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.internal.model.ObjectId;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.internal.model.Relation;
import io.trackweave.testkit.model.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the Track API's v2 object operations ({@code type: object} with {@code identify}, {@code
 * identify_anonymous}, {@code delete}, {@code add_relationships}, {@code delete_relationships}) and the
 * {@code cio_relationships} a person's identify or relationship call carries, following the spec's {@code
 * object_*} and {@code person_*_relationships} schemas.
 */
final class V2Objects {
  /** Object type ids are string-formatted integers that begin at 1. */
  private static final Pattern TYPE_ID = Pattern.compile("[1-9][0-9]{0,9}");

  private V2Objects() {}

  static Operation parse(JsonNode item, String action) throws BadRequest {
    ObjectId object = identifiers(item.get("identifiers"), "identifiers");
    switch (action) {
      case "identify":
      case "identify_anonymous": {
        JsonNode attributes = V2Operations.object(item, "attributes", false);
        boolean anonymous = action.equals("identify_anonymous");
        List<Relation> relations = people(item, object, false, anonymous);
        if (anonymous && !item.path("anonymous_id").isMissingNode()) {
          String anonymousId = V2Operations.text(item, "anonymous_id");
          if (anonymousId == null || anonymousId.isEmpty()) {
            throw BadRequest.invalid("anonymous_id", "'anonymous_id' must be a non-empty string");
          }
          relations = new ArrayList<>(relations);
          relations.add(new Relation(object, null, anonymousId, null));
        }
        return new Operation.IdentifyObject(object, (ObjectNode) attributes, relations);
      }
      case "delete":
        return new Operation.DeleteObject(object);
      case "add_relationships":
      case "delete_relationships":
        return new Operation.Relate(null, people(item, object, true, false), action.startsWith("add"));
      default:
        throw BadRequest.invalid("action", "unknown object action '" + action
            + "': use identify, identify_anonymous, delete, add_relationships or delete_relationships");
    }
  }

  /** A person's {@code add_relationships} or {@code delete_relationships}: the objects in {@code cio_relationships}. */
  static Operation personRelationships(JsonNode item, Identifier who, boolean add) throws BadRequest {
    return new Operation.Relate(who, objects(item.get("cio_relationships"), true), add);
  }

  /**
   * The objects a person's call relates them to: v2's {@code cio_relationships} array (v1 nests the same array as
   * {@code cio_relationships.relationships}); empty when absent and optional.
   */
  static List<Relation> objects(JsonNode given, boolean required) throws BadRequest {
    return objects(given, "cio_relationships", required);
  }

  static List<Relation> objects(JsonNode given, String field, boolean required) throws BadRequest {
    JsonNode array = array(given, field, required);
    List<Relation> out = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      String at = field + "[" + i + "]";
      JsonNode entry = entry(array.get(i), at);
      ObjectId object = identifiers(entry.get("identifiers"), at + ".identifiers");
      out.add(new Relation(object, null, null, attributes(entry, at)));
    }
    return out;
  }

  /** The people an object's call relates to it ({@code cio_relationships}). */
  private static List<Relation> people(JsonNode item, ObjectId object, boolean required, boolean anonymous)
      throws BadRequest {
    JsonNode array = array(item.get("cio_relationships"), "cio_relationships", required);
    List<Relation> out = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      String at = "cio_relationships[" + i + "]";
      JsonNode entry = entry(array.get(i), at);
      JsonNode identifiers = entry.get("identifiers");
      if (anonymous) {
        String anonymousId = identifiers == null || !identifiers.isObject() ? null
            : V2Operations.text(identifiers, "anonymous_id");
        if (anonymousId == null || anonymousId.isEmpty()) {
          throw BadRequest.missing(at + ".identifiers.anonymous_id");
        }
        out.add(new Relation(object, null, anonymousId, attributes(entry, at)));
      } else {
        Identifier who = person(identifiers, at + ".identifiers");
        out.add(new Relation(object, who, null, attributes(entry, at)));
      }
    }
    return out;
  }

  private static JsonNode array(JsonNode array, String field, boolean required) throws BadRequest {
    if (array == null || array.isNull()) {
      if (required) {
        throw BadRequest.missing(field);
      }
      return null;
    }
    if (!array.isArray()) {
      throw BadRequest.invalid(field, "'" + field + "' must be an array");
    }
    return array;
  }

  private static JsonNode entry(JsonNode entry, String at) throws BadRequest {
    if (entry == null || !entry.isObject()) {
      throw BadRequest.invalid(at, "'" + at + "' must be an object");
    }
    return entry;
  }

  private static ObjectNode attributes(JsonNode entry, String at) throws BadRequest {
    JsonNode attributes = entry.get("relationship_attributes");
    if (attributes == null || attributes.isNull()) {
      return null;
    }
    if (!attributes.isObject()) {
      throw BadRequest.invalid(at + ".relationship_attributes", "'relationship_attributes' must be an object");
    }
    return (ObjectNode) attributes;
  }

  /** A person's identifiers inside {@code cio_relationships}: exactly one of id, email, cio_id. */
  private static Identifier person(JsonNode identifiers, String field) throws BadRequest {
    if (identifiers == null || !identifiers.isObject() || identifiers.size() != 1) {
      throw BadRequest.invalid(field, "'" + field + "' must hold exactly one of id, email, cio_id");
    }
    String type = identifiers.fieldNames().next();
    if (!type.equals(Identifier.ID) && !type.equals(Identifier.EMAIL) && !type.equals(Identifier.CIO_ID)) {
      throw BadRequest.invalid(field + "." + type, "unknown identifier '" + type + "': use id, email or cio_id");
    }
    JsonNode value = identifiers.get(type);
    if (!(value.isTextual() || value.isIntegralNumber()) || value.asText().isEmpty()) {
      throw BadRequest.invalid(field + "." + type, "identifier must be a non-empty string");
    }
    return new Identifier(type, value.asText());
  }

  /**
   * An object's identifiers: {@code object_type_id} and {@code object_id} (which create an object on identify),
   * or the {@code cio_object_id} Customer.io gave it (which only finds one).
   */
  static ObjectId identifiers(JsonNode node, String field) throws BadRequest {
    if (node == null || node.isNull()) {
      throw BadRequest.missing(field);
    }
    if (!node.isObject()) {
      throw BadRequest.invalid(field, "'" + field + "' must be an object");
    }
    if (node.has("cio_object_id") && !node.has("object_id") && !node.has("object_type_id")) {
      String cio = V2Operations.text(node, "cio_object_id");
      if (cio == null || cio.isEmpty()) {
        throw BadRequest.invalid(field + ".cio_object_id", "'cio_object_id' must be a non-empty string");
      }
      return ObjectId.cio(cio);
    }
    JsonNode type = node.get("object_type_id");
    if (type == null || type.isNull()) {
      throw BadRequest.missing(field + ".object_type_id");
    }
    if (!type.isTextual() || !TYPE_ID.matcher(type.asText()).matches()) {
      throw BadRequest.invalid(field + ".object_type_id",
          "'object_type_id' must be a string-formatted integer from 1, like \"1\", not " + type);
    }
    JsonNode id = node.get("object_id");
    if (id == null || id.isNull()) {
      throw BadRequest.missing(field + ".object_id");
    }
    if (!id.isTextual() || id.asText().isEmpty()) {
      throw BadRequest.invalid(field + ".object_id", "'object_id' must be a non-empty string");
    }
    return ObjectId.of(type.asText(), id.asText());
  }
}
