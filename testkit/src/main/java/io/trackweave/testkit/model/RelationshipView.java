package io.trackweave.testkit.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A relationship between a person and an object, as Customer.io keeps it (a copy).
 *
 * @param objectTypeId the object's type, a string-formatted integer such as {@code "1"}
 * @param objectId the object's id within its type
 * @param person the related person; null when only an anonymous id is related so far
 * @param anonymousId the anonymous id related (Customer.io carries it over to the person an identify names), or
 *     null when a person is
 * @param attributes the relationship's own attributes (e.g. {@code role})
 * @param relatedAt when the relationship was first made (by the emulator's clock)
 */
public record RelationshipView(
    String objectTypeId, String objectId, PersonRef person, String anonymousId, ObjectNode attributes,
    Instant relatedAt) {

  /** True when this relationship is to the object {@code objectTypeId}/{@code objectId}. */
  public boolean isTo(String objectTypeId, String objectId) {
    return this.objectTypeId.equals(objectTypeId) && this.objectId.equals(objectId);
  }

  /** True when the related person is known by this id, email, phone or cio_id, or it is this anonymous id. */
  public boolean isWith(String identifier) {
    return person != null ? person.isKnownAs(identifier) : identifier != null && identifier.equals(anonymousId);
  }
}
