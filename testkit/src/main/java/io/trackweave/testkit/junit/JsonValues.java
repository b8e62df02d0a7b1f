package io.trackweave.testkit.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.trackweave.testkit.internal.exchange.Exchanges;

/** Finds and compares JSON values the way a person reading a payload would. */
final class JsonValues {
  private JsonValues() {}

  /**
   * The value at {@code path} in {@code root}: a JSON pointer ({@code /items/0/sku}) or a dotted path with
   * indexes ({@code items[0].sku}); a plain name is a top-level property.
   */
  static JsonNode at(JsonNode root, String path) {
    if (root == null) {
      return MissingNode.getInstance();
    }
    if (path.startsWith("/")) {
      return root.at(path);
    }
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (!name.isEmpty()) {
        node = node.path(name);
      }
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          return MissingNode.getInstance();
        }
        try {
          node = node.path(Integer.parseInt(part.substring(bracket + 1, close)));
        } catch (NumberFormatException e) {
          return MissingNode.getInstance();
        }
        bracket = part.indexOf('[', close);
      }
    }
    return node;
  }

  /**
   * True when {@code actual} holds {@code expected} (a Java value: String, Number, Boolean, Map, List,
   * record, or a JsonNode). Numbers compare by value, so {@code 42}, {@code 42L} and {@code 42.0} match.
   * A null expected value matches a JSON null or an absent value.
   */
  static boolean matches(JsonNode actual, Object expected) {
    if (expected == null) {
      return actual == null || actual.isMissingNode() || actual.isNull();
    }
    if (actual == null || actual.isMissingNode()) {
      return false;
    }
    JsonNode want = expected instanceof JsonNode n ? n : Exchanges.JSON.valueToTree(expected);
    return equal(actual, want);
  }

  private static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (var it = b.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!a.has(name) || !equal(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** How a value reads in a message: JSON. */
  static String show(Object value) {
    try {
      return value instanceof JsonNode n ? n.toString() : Exchanges.JSON.writeValueAsString(value);
    } catch (Exception e) {
      return String.valueOf(value);
    }
  }
}
