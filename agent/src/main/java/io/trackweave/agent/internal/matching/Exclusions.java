package io.trackweave.agent.internal.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * Methods the operator asked not to weave ({@code exclude=com.shop.Checkout#confirm;com.shop.Legacy;
 * com.shop.internal.*}): a method by name (every overload), a whole class, or a package prefix.
 */
public final class Exclusions {
  public static final Exclusions NONE = new Exclusions(List.of(), List.of(), List.of());

  private final List<String> methods; // "owner#name", binary class names
  private final List<String> classes;
  private final List<String> prefixes;

  private Exclusions(List<String> methods, List<String> classes, List<String> prefixes) {
    this.methods = methods;
    this.classes = classes;
    this.prefixes = prefixes;
  }

  /** Parses a {@code ;}-separated list; blanks are ignored. */
  public static Exclusions parse(String text) {
    List<String> methods = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String raw : text.split(";")) {
      String rule = raw.strip();
      if (rule.isEmpty()) {
        continue;
      }
      if (rule.endsWith(".*")) {
        prefixes.add(rule.substring(0, rule.length() - 1));
      } else if (rule.indexOf('#') > 0) {
        methods.add(rule);
      } else {
        classes.add(rule);
      }
    }
    if (methods.isEmpty() && classes.isEmpty() && prefixes.isEmpty()) {
      return NONE;
    }
    return new Exclusions(List.copyOf(methods), List.copyOf(classes), List.copyOf(prefixes));
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  /** True when no method of {@code owner} (a binary name, {@code com.shop.Checkout}) may be woven. */
  public boolean excludesClass(String owner) {
    if (classes.contains(owner)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (owner.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  public boolean excludes(String owner, String method) {
    return excludesClass(owner) || (!methods.isEmpty() && methods.contains(owner + "#" + method));
  }

  @Override
  public String toString() {
    return "Exclusions" + methods + classes + prefixes;
  }
}
