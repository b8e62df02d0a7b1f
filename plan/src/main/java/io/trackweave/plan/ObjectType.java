package io.trackweave.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One type of Customer.io object the team sends (an account, a subscription, an order): the plan's
 * {@code objects.<name>} entry.
 *
 * @param name the plan's name for the type (lowercase snake_case), which annotations use
 * @param typeId Customer.io's {@code object_type_id} of the type in the workspace, e.g. {@code "2"}
 * @param description what the type is, for people; may be null
 * @param attributes the object's attributes, by name, in plan order
 * @param relationship the attributes of the relationship between a person and an object of this type, by
 *     name, in plan order; empty when the plan declares none
 */
public record ObjectType(
    String name,
    String typeId,
    String description,
    Map<String, Schema> attributes,
    Map<String, Schema> relationship) {

  public ObjectType {
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    relationship = Collections.unmodifiableMap(new LinkedHashMap<>(relationship));
  }
}
