package io.trackweave.processor;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Which classes this compilation compiles (root elements of all rounds, and their member types), and which
 * exist at all: what the incremental merge of the index needs to know which of the previous build's entries to
 * replace, keep or drop.
 */
final class CompiledTypes {
  private final Elements elements;
  /** Binary names. */
  private final Set<String> compiled = new HashSet<>();

  CompiledTypes(Elements elements) {
    this.elements = elements;
  }

  /** Adds a root element of a round, with its member types. */
  void add(TypeElement type) {
    compiled.add(elements.getBinaryName(type).toString());
    for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
      add(member);
    }
  }

  /** Whether this compilation compiles the class of this binary name. */
  boolean compiledNow(String binaryName) {
    return compiled.contains(binaryName);
  }

  /** Whether a class of this binary name is compiled now or on the class path. */
  boolean exists(String binaryName) {
    TypeElement type = elements.getTypeElement(binaryName.replace('$', '.'));
    if (type == null && binaryName.indexOf('$') >= 0) {
      type = elements.getTypeElement(binaryName); // a top-level class with '$' in its name
    }
    return type != null && elements.getBinaryName(type).contentEquals(binaryName);
  }
}
