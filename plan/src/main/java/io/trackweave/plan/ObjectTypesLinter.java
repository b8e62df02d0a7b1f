package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads and checks the plan's {@code objects} section: the Customer.io object types the team sends
 * (tracking-plan.md, "Objects"). Every type has a lowercase snake_case name, which annotations use, and
 * Customer.io's {@code object_type_id} of the workspace ({@code type_id}), unique across the plan; its
 * {@code attributes} and the person-to-object {@code relationship} attributes are JSON Schemas with the same
 * keywords, and the same rules, as person attributes.
 */
final class ObjectTypesLinter {
  static final List<String> OBJECT_KEYS = List.of("type_id", "description", "attributes", "relationship");

  /** Customer.io numbers object types from 1 in each workspace; the API takes the number as text. */
  private static final Pattern TYPE_ID = Pattern.compile("[1-9][0-9]{0,8}");

  private final BiConsumer<String, String> problem;
  /** Reads one schema at a path, reporting its problems (the plan linter's schema reader). */
  private final BiFunction<JsonNode, String, Schema> schemas;

  ObjectTypesLinter(BiConsumer<String, String> problem, BiFunction<JsonNode, String, Schema> schemas) {
    this.problem = problem;
    this.schemas = schemas;
  }

  /** The object types, by name, in plan order; absent or null {@code objects} means none. */
  Map<String, ObjectType> objects(JsonNode node) {
    Map<String, ObjectType> objects = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return objects;
    }
    if (!node.isObject()) {
      problem.accept("objects", "'objects' must be a mapping from an object type's name to its type_id and "
          + "attributes, e.g. 'objects: {subscription: {type_id: \"2\", attributes: {plan: {type: string}}}}'; "
          + "it is " + PlanLinter.describe(node));
      return objects;
    }
    Map<String, String> typeIds = new LinkedHashMap<>(); // type id -> the first type that has it
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      String path = LocatedTree.child("objects", name);
      snakeCase(path, name, "object type");
      ObjectType type = type(name, e.getValue(), path);
      if (type == null) {
        continue;
      }
      String first = typeIds.putIfAbsent(type.typeId(), name);
      if (first != null) {
        problem.accept(LocatedTree.child(path, "type_id"), "type_id " + type.typeId() + " is also the type_id of "
            + "object type '" + first + "'; each object type of the workspace has its own object_type_id "
            + "(Customer.io: Data & Integrations > Objects): fix one of them");
      }
      objects.put(name, type);
    }
    return objects;
  }

  private ObjectType type(String name, JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem.accept(path, "object type '" + name + "' must be a mapping with type_id and attributes; it is "
          + PlanLinter.describe(node) + ". Write e.g. '" + name + ": {type_id: \"1\", attributes: {name: {type: "
          + "string}}}'");
      return null;
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!OBJECT_KEYS.contains(key)) {
        String hint = PlanLinter.KEYWORDS.contains(key)
            ? "; an attribute's schema goes under '" + path + ".attributes.<name>'"
            : Names.didYouMean(key, OBJECT_KEYS);
        problem.accept(LocatedTree.child(path, key), "unknown object type key '" + key + "'" + hint
            + "; an object type has only " + String.join(", ", OBJECT_KEYS));
      }
    });
    String typeId = typeId(node.get("type_id"), path);
    String description = null;
    JsonNode d = node.get("description");
    if (d != null && !d.isNull()) {
      if (d.isTextual()) {
        description = d.asText();
      } else {
        problem.accept(LocatedTree.child(path, "description"), "description must be text; it is "
            + PlanLinter.describe(d) + ". Quote it");
      }
    }
    Map<String, Schema> attributes = attributes(node.get("attributes"), LocatedTree.child(path, "attributes"),
        "attribute");
    Map<String, Schema> relationship = attributes(node.get("relationship"), LocatedTree.child(path, "relationship"),
        "relationship attribute");
    return typeId == null ? null : new ObjectType(name, typeId, description, attributes, relationship);
  }

  private String typeId(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      problem.accept(path, "object type has no type_id; add 'type_id: \"<n>\"', the object_type_id Customer.io "
          + "shows for this type in the workspace (Data & Integrations > Objects; the first type is \"1\")");
      return null;
    }
    String text = node.isTextual() ? node.asText().strip() : node.isIntegralNumber() ? node.asText() : null;
    if (text == null || !TYPE_ID.matcher(text).matches()) {
      problem.accept(LocatedTree.child(path, "type_id"), "type_id must be Customer.io's object_type_id, a whole "
          + "number from 1, e.g. 'type_id: \"2\"'; it is " + PlanLinter.describe(node));
      return null;
    }
    return text;
  }

  private Map<String, Schema> attributes(JsonNode node, String path, String what) {
    Map<String, Schema> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problem.accept(path, "'" + path + "' must be a mapping from an " + what + " name to its schema, e.g. "
          + "'plan: {type: string}'; it is " + PlanLinter.describe(node));
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String at = LocatedTree.child(path, e.getKey());
      snakeCase(at, e.getKey(), what);
      out.put(e.getKey(), schemas.apply(e.getValue(), at));
    }
    return out;
  }

  private void snakeCase(String path, String name, String what) {
    if (!Names.isSnakeCase(name)) {
      String fixed = Names.toSnakeCase(name);
      problem.accept(path, what + " name '" + name + "' is not lowercase snake_case"
          + (Names.isSnakeCase(fixed) ? "; rename it to '" + fixed + "'" : "; use lowercase letters, digits and "
          + "single underscores, starting with a letter"));
    }
  }
}
