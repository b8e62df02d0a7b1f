package io.trackweave.plan;

/**
 * One event of the plan.
 *
 * @param name the event name (lowercase snake_case)
 * @param description what the event means, for people; may be null
 * @param dedupe the property whose value identifies one occurrence (e.g. {@code order_id}), or null
 * @param schema the JSON Schema of the event's properties (type object)
 */
public record EventDefinition(String name, String description, String dedupe, Schema schema) {}
