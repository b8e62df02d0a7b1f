package io.trackweave.plan;

/** The JSON Schema type names a plan may use. */
public enum JsonType {
  STRING("string"),
  INTEGER("integer"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  OBJECT("object"),
  ARRAY("array"),
  NULL("null");

  private final String keyword;

  JsonType(String keyword) {
    this.keyword = keyword;
  }

  /** The spelling used in a schema's {@code type}. */
  public String keyword() {
    return keyword;
  }

  /** The type for a schema spelling, or null when it is not a JSON Schema type. */
  public static JsonType ofKeyword(String keyword) {
    for (JsonType type : values()) {
      if (type.keyword.equals(keyword)) {
        return type;
      }
    }
    return null;
  }
}
