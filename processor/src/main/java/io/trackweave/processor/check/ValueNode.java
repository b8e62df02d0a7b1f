package io.trackweave.processor.check;

import io.trackweave.processor.model.JavaShape;
import java.util.List;

/**
 * How one Java value becomes one JSON value, checked against its schema: the tree the mapper writer walks.
 *
 * @param shape the Java side
 * @param json the JSON type written ({@code string}, {@code integer}, ... or {@code any})
 * @param iso for times: write an ISO-8601 string instead of unix seconds
 * @param inner the element (arrays), value (maps) or wrapped (Optional) node
 * @param members an object's properties
 */
public record ValueNode(JavaShape shape, String json, boolean iso, ValueNode inner, List<Write> members) {}
