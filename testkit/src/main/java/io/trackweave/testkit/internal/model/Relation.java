package io.trackweave.testkit.internal.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One relationship a call adds or removes: an object and a person (or an anonymous id), with the relationship's
 * attributes.
 *
 * @param person the person; null in a person's own call (the person it names) or when {@code anonymousId} is set
 * @param anonymousId an anonymous id to relate (Track's {@code identify_anonymous}, an anonymous {@code group}), or
 *     null
 * @param attributes the relationship's attributes to merge (null or {@code ""} values remove one), or null
 */
public record Relation(ObjectId object, io.trackweave.testkit.model.Identifier person, String anonymousId,
    ObjectNode attributes) {

  /** The relation in the activity log's words, e.g. {@code 1/acme ~ id=42}. */
  String describe() {
    String whom = person != null ? person.toString() : anonymousId != null ? "anonymous_id=" + anonymousId : "";
    return object + (whom.isEmpty() ? "" : " ~ " + whom);
  }

  /** Relations in the activity log's words, e.g. {@code [1/acme ~ id=42, 1/beta ~ id=42]}. */
  static String describeAll(java.util.List<Relation> relations) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < relations.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(relations.get(i).describe());
    }
    return sb.append(']').toString();
  }
}
