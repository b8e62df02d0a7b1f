package io.trackweave.processor.write;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The local names of one generated method: each the name a person would choose ({@code tracker},
 * {@code items}, {@code item}, {@code itemFields}), with a number appended only when the method already
 * uses it (a parameter of that name, or a second list of items).
 */
final class Scope {
  private final Set<String> taken;

  Scope(Set<String> reserved) {
    this.taken = new HashSet<>(reserved);
  }

  boolean taken(String name) {
    return taken.contains(name);
  }

  /** {@code wanted}, or {@code wanted2}, {@code wanted3}... whichever is free; then it is taken. */
  String name(String wanted) {
    String name = free(wanted, taken);
    taken.add(name);
    return name;
  }

  /** {@code wanted}, or the first numbered variant not in {@code taken}; keywords get a suffix. */
  static String free(String wanted, Set<String> taken) {
    String base = SourceVersion.isName(wanted) ? wanted : wanted + "Value";
    if (!SourceVersion.isName(base)) {
      base = "value";
    }
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    return name;
  }

  /** The camelCase Java name of a plan path's last property: {@code items[].unit_price -> unitPrice}. */
  static String camel(String path) {
    String last = path.replace("[]", "").replace(".*", "");
    last = last.substring(last.lastIndexOf('.') + 1);
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        upper = out.length() > 0;
        continue;
      }
      out.append(upper ? Character.toUpperCase(c) : out.length() == 0 ? Character.toLowerCase(c) : c);
      upper = false;
    }
    if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
      out.insert(0, "value");
    }
    return out.toString();
  }

  /** One element of a collection named {@code plural}: {@code items -> item}, else {@code tagsElement}. */
  static String singular(String plural) {
    if (plural.length() > 1 && plural.endsWith("s") && !plural.endsWith("ss")) {
      return plural.substring(0, plural.length() - 1);
    }
    return plural + "Element";
  }

  /** {@code items[].category -> ITEMS_CATEGORY}. */
  static String constant(String path) {
    StringBuilder out = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(Character.toUpperCase(c));
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
