package io.trackweave.testkit.internal.model;

import java.util.Objects;

/**
 * How a call names an object: by type and id ({@code object_type_id} + {@code object_id}, which may create it), or
 * by the {@code cio_object_id} the workspace gave it (which only finds it).
 */
public record ObjectId(String typeId, String id, String cioObjectId) {
  public ObjectId {
    if (cioObjectId == null) {
      Objects.requireNonNull(typeId, "typeId");
      Objects.requireNonNull(id, "id");
    }
  }

  public static ObjectId of(String typeId, String id) {
    return new ObjectId(typeId, id, null);
  }

  public static ObjectId cio(String cioObjectId) {
    return new ObjectId(null, null, Objects.requireNonNull(cioObjectId, "cioObjectId"));
  }

  @Override
  public String toString() {
    return cioObjectId != null ? "cio_object_id=" + cioObjectId : typeId + "/" + id;
  }
}
