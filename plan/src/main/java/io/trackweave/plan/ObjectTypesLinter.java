package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  private final PlanProblems problems;
  /** Reads one schema at a path, reporting its problems. */
  private final SchemaLinter schemas;

  ObjectTypesLinter(PlanProblems problems, SchemaLinter schemas) {
    this.problems = problems;
    this.schemas = schemas;
  }

  /** The object types, by name, in plan order; absent or null {@code objects} means none. */
  Map<String, ObjectType> objects(JsonNode node) {
    Map<String, ObjectType> objects = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return objects;
    }
    if (!node.isObject()) {
      problems.report("objects", PlanMessage.OBJECTS_NOT_MAPPING, PlanMessage.describe(node));
      return objects;
    }
    Map<String, String> typeIds = new LinkedHashMap<>(); // type id -> the first type that has it
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      String path = LocatedTree.child("objects", name);
      problems.snakeCase(path, name, "object type", true);
      ObjectType type = type(name, e.getValue(), path);
      if (type == null) {
        continue;
      }
      String first = typeIds.putIfAbsent(type.typeId(), name);
      if (first != null) {
        problems.report(LocatedTree.child(path, "type_id"), PlanMessage.TYPE_ID_TAKEN, type.typeId(), first);
      }
      objects.put(name, type);
    }
    return objects;
  }

  private ObjectType type(String name, JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problems.report(path, PlanMessage.OBJECT_TYPE_NOT_MAPPING, name, PlanMessage.describe(node), name);
      return null;
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!OBJECT_KEYS.contains(key)) {
        String hint = SchemaLinter.KEYWORDS.contains(key)
            ? PlanMessage.Part.SCHEMA_KEYWORD_IN_OBJECT_TYPE.text(path)
            : PlanMessage.didYouMean(key, OBJECT_KEYS);
        problems.report(LocatedTree.child(path, key), PlanMessage.UNKNOWN_OBJECT_TYPE_KEY, key, hint,
            String.join(", ", OBJECT_KEYS));
      }
    });
    String typeId = typeId(node.get("type_id"), path);
    String description = null;
    JsonNode d = node.get("description");
    if (d != null && !d.isNull()) {
      if (d.isTextual()) {
        description = d.asText();
      } else {
        problems.report(LocatedTree.child(path, "description"), PlanMessage.DESCRIPTION_NOT_TEXT,
            PlanMessage.describe(d));
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
      problems.report(path, PlanMessage.NO_TYPE_ID);
      return null;
    }
    String text = node.isTextual() ? node.asText().strip() : node.isIntegralNumber() ? node.asText() : null;
    if (text == null || !TYPE_ID.matcher(text).matches()) {
      problems.report(LocatedTree.child(path, "type_id"), PlanMessage.BAD_TYPE_ID, PlanMessage.describe(node));
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
      problems.report(path, PlanMessage.OBJECT_ATTRIBUTES_NOT_MAPPING, path, what, PlanMessage.describe(node));
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String at = LocatedTree.child(path, e.getKey());
      problems.snakeCase(at, e.getKey(), what, true);
      out.put(e.getKey(), schemas.schema(e.getValue(), at));
    }
    return out;
  }
}
