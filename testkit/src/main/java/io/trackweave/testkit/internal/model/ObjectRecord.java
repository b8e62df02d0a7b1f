package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.RelationshipView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One object as the workspace holds it, with the people (and anonymous ids) related to it. */
final class ObjectRecord {
  /** A relationship's own attributes, and when it was first made. */
  static final class Related {
    final ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    final Instant relatedAt;

    Related(Instant relatedAt) {
      this.relatedAt = relatedAt;
    }
  }

  final String typeId;
  final String id;
  final String cioObjectId;
  final Instant createdAt;
  final ObjectNode attributes = JsonNodeFactory.instance.objectNode();
  final Map<PersonRecord, Related> people = new LinkedHashMap<>();
  final Map<String, Related> anonymous = new LinkedHashMap<>();
  Instant updatedAt;

  ObjectRecord(String typeId, String id, String cioObjectId, Instant createdAt) {
    this.typeId = typeId;
    this.id = id;
    this.cioObjectId = cioObjectId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  String name() {
    return typeId + "/" + id;
  }

  int relationships() {
    return people.size() + anonymous.size();
  }

  RelationshipView view(PersonRecord person, String anonymousId, Related related) {
    return new RelationshipView(typeId, id, person == null ? null : person.ref(), anonymousId,
        related.attributes.deepCopy(), related.relatedAt);
  }

  ObjectView view() {
    List<RelationshipView> relationships = new ArrayList<>(relationships());
    people.forEach((p, r) -> relationships.add(view(p, null, r)));
    anonymous.forEach((a, r) -> relationships.add(view(null, a, r)));
    return new ObjectView(typeId, id, cioObjectId, attributes.deepCopy(), relationships, createdAt, updatedAt);
  }

  /**
   * Merges attributes the way Customer.io does for objects and relationships: a null or empty-string value
   * removes the attribute.
   */
  static void merge(ObjectNode into, JsonNode given) {
    if (given == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : given.properties()) {
      JsonNode value = field.getValue();
      if (value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
        into.remove(field.getKey());
      } else {
        into.set(field.getKey(), value.deepCopy());
      }
    }
  }
}
