package io.trackweave.processor.check;

import io.trackweave.plan.ObjectType;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.ObjectAction;
import java.util.List;

/**
 * The object call of a checked method: what the writer needs to generate it, and the catalog to describe it.
 *
 * @param action identify or delete, the type's plan name, and whether the person is related
 * @param type the plan's object type (its {@code type_id} is what the mapper sends)
 * @param id where the object's id comes from
 * @param attributes the object's attributes (empty for a delete)
 * @param relationship the relationship's attributes (empty unless the person is related)
 */
public record ObjectSpec(ObjectAction action, ObjectType type, Binding id, List<Write> attributes,
    List<Write> relationship) {
  public ObjectSpec {
    attributes = List.copyOf(attributes);
    relationship = List.copyOf(relationship);
  }
}
