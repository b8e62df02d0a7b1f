package io.trackweave.processor.model;

import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One readable value of a payload object: a record component or a getter.
 *
 * @param javaName the component or bean property name ({@code orderId})
 * @param accessor the method that reads it ({@code orderId}, {@code getOrderId})
 * @param type its type as seen through the owning type (type arguments substituted)
 * @param element where diagnostics go: the record component, or the getter
 * @param marks the annotations on it (and on a getter's field)
 */
public record Member(String javaName, String accessor, TypeMirror type, Element element, Marks marks) {}
