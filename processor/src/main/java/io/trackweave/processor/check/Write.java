package io.trackweave.processor.check;

import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.Member;

/**
 * One property (or attribute) the mapper writes.
 *
 * @param name the JSON name
 * @param binding for a top-level property: where its value comes from; null inside nested objects
 * @param member for a nested property: the member read from the enclosing object; null at the top level
 * @param node how the value is written
 * @param required the plan requires it: a null value is reported to the tracker as a violation
 * @param path the property's path for violation messages, e.g. {@code items[].sku}
 */
public record Write(String name, Binding binding, Member member, ValueNode node, boolean required, String path) {}
