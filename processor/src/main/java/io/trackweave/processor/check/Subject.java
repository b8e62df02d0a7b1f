package io.trackweave.processor.check;

import io.trackweave.processor.diagnostic.Message.Part;

/**
 * What the values being checked belong to, as diagnostics name it: an event, identify, or an object type.
 *
 * @param name the event or object type as messages name it, e.g. {@code event 'order_completed'}
 * @param attributes the values are attributes (a person's or an object's), not event properties
 * @param pkg the package the generated mapper lives in: every type it names must be visible there
 * @param ofObject the values are an object's attributes
 */
record Subject(String name, boolean attributes, String pkg, boolean ofObject) {
  Subject(String name, boolean attributes, String pkg) {
    this(name, attributes, pkg, false);
  }

  /** The value at {@code path}, e.g. {@code property 'items[].sku' of event 'order_completed'}. */
  String what(String path) {
    return ofObject ? Part.ATTRIBUTE_OF.text(path, name)
        : attributes ? Part.ATTRIBUTE_NAMED.text(path) : Part.PROPERTY_OF.text(path, name);
  }

  /** The object at {@code path} that holds values, or the subject itself at the top. */
  String object(String path) {
    return path.isEmpty() ? name : Part.PATH_OF.text(path, name);
  }
}
