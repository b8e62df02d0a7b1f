package io.trackweave.testkit.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A Customer.io object (a company, an account, a subscription...) as the emulator holds it (a copy).
 *
 * @param typeId the object type, a string-formatted integer such as {@code "1"}
 * @param id the object's id within its type ({@code object_id}; a Pipelines {@code group} call's {@code groupId})
 * @param cioObjectId the emulator-assigned {@code cio_object_id}
 * @param attributes the merged attributes
 * @param relationships the people (and anonymous ids) related to it, in the order they were related
 */
public record ObjectView(
    String typeId,
    String id,
    String cioObjectId,
    ObjectNode attributes,
    List<RelationshipView> relationships,
    Instant createdAt,
    Instant updatedAt) {

  public ObjectView {
    relationships = List.copyOf(relationships);
  }

  /** True when this is the object {@code typeId}/{@code id}. */
  public boolean is(String typeId, String id) {
    return this.typeId.equals(typeId) && this.id.equals(id);
  }

  /** True when the person known by this id, email, phone or cio_id (or this anonymous id) is related to it. */
  public boolean isRelatedTo(String identifier) {
    return relationships.stream().anyMatch(r -> r.isWith(identifier));
  }

  /** {@code typeId/id}, e.g. {@code 1/acme}. */
  public String displayName() {
    return typeId + "/" + id;
  }
}
