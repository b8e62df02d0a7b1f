package io.trackweave.api;

import java.util.Objects;

/**
 * A reference to one of Customer.io's objects (an account, a subscription, an order): the workspace's
 * {@code object_type_id} and the object's id within that type. Generated mappers take the type id from
 * the tracking plan's {@code objects} section, so annotated code names the type, never the number.
 *
 * @param typeId Customer.io's object type id, e.g. {@code "1"}
 * @param id the object's id, e.g. {@code "sub-42"}
 */
public record ObjectRef(String typeId, String id) {
  public ObjectRef {
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(id, "id");
  }

  public static ObjectRef of(String typeId, String id) {
    return new ObjectRef(typeId, id);
  }
}
