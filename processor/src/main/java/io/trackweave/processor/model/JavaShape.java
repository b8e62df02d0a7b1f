package io.trackweave.processor.model;

import io.trackweave.plan.JsonType;
import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * What a Java type looks like as JSON (tracking-plan.md, "How Java types meet JSON types"), and how the
 * generated code turns a value of it into a {@link io.trackweave.api.Fields} value.
 *
 * @param kind the mapping
 * @param type the Java type
 * @param inner the element type (arrays, collections), the value type (maps) or the wrapped type (Optional)
 * @param enumConstants the constants of an enum, in declaration order
 * @param reason why an {@link Kind#UNSUPPORTED} type has no mapping
 */
public record JavaShape(Kind kind, TypeMirror type, TypeMirror inner, List<String> enumConstants, String reason) {

  /** The mappings; each knows its JSON type and whether a value of it can be null. */
  public enum Kind {
    STRING(JsonType.STRING, true),
    TO_STRING(JsonType.STRING, true),
    CHAR(JsonType.STRING, false),
    CHAR_BOX(JsonType.STRING, true),
    INT(JsonType.INTEGER, false),
    INT_BOX(JsonType.INTEGER, true),
    BIG_INTEGER(JsonType.INTEGER, true),
    DOUBLE(JsonType.NUMBER, false),
    DOUBLE_BOX(JsonType.NUMBER, true),
    BIG_DECIMAL(JsonType.NUMBER, true),
    BOOLEAN(JsonType.BOOLEAN, false),
    BOOLEAN_BOX(JsonType.BOOLEAN, true),
    /** Instant: unix seconds, or an ISO-8601 string. */
    INSTANT(null, true),
    /** OffsetDateTime, ZonedDateTime: unix seconds, or an ISO-8601 string with offset. */
    OFFSET_TIME(null, true),
    LOCAL_DATE(JsonType.STRING, true),
    ENUM(JsonType.STRING, true),
    JAVA_ARRAY(JsonType.ARRAY, true),
    COLLECTION(JsonType.ARRAY, true),
    MAP(JsonType.OBJECT, true),
    OBJECT(JsonType.OBJECT, true),
    OPTIONAL(null, true),
    OPTIONAL_INT(JsonType.INTEGER, true),
    OPTIONAL_DOUBLE(JsonType.NUMBER, true),
    /** Object: written as {@code Fields.normalize} would; fits only an untyped schema. */
    ANY(null, true),
    UNSUPPORTED(null, true);

    private final JsonType json;
    private final boolean reference;

    Kind(JsonType json, boolean reference) {
      this.json = json;
      this.reference = reference;
    }

    /** The JSON type of the value, or null when it depends on the schema (times, Optional, Object). */
    public JsonType json() {
      return json;
    }

    /** False for primitives, which can never be null. */
    public boolean reference() {
      return reference;
    }

    /** True for a single JSON value with no structure. */
    public boolean scalar() {
      return json == JsonType.STRING || json == JsonType.INTEGER || json == JsonType.NUMBER
          || json == JsonType.BOOLEAN;
    }
  }

  public static JsonShapeBuilder of(Kind kind, TypeMirror type) {
    return new JsonShapeBuilder(kind, type);
  }

  /** The declared type of an {@link Kind#OBJECT}. */
  public DeclaredType declared() {
    return (DeclaredType) type;
  }

  /** Small builder so call sites stay readable. */
  public static final class JsonShapeBuilder {
    private final Kind kind;
    private final TypeMirror type;

    JsonShapeBuilder(Kind kind, TypeMirror type) {
      this.kind = kind;
      this.type = type;
    }

    public JavaShape plain() {
      return new JavaShape(kind, type, null, List.of(), null);
    }

    public JavaShape inner(TypeMirror inner) {
      return new JavaShape(kind, type, inner, List.of(), null);
    }

    public JavaShape constants(List<String> constants) {
      return new JavaShape(kind, type, null, List.copyOf(constants), null);
    }

    public JavaShape reason(String reason) {
      return new JavaShape(kind, type, null, List.of(), reason);
    }
  }
}
