package io.trackweave.api;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What a property value is, in the words of the JSON Customer.io receives: part of the API's vocabulary, like
 * {@link Fields} itself, so that code outside this package can ask what Trackweave makes of a value.
 *
 * <p>Decided in one place for every stage that handles one: normalising a
 * dynamic value into {@link Fields} ({@link Fields#normalize}), the caller-side size estimate, the JSON
 * encoders, the spool's binary codec and the agent's reflective reader. Each switches over {@link
 * #of(Object)} with a case for every kind, so a new kind is a compile error (switch expressions) or a
 * failing {@code ValueKindTest} (statements) until each of them says what it does with it.
 *
 * <p>The first nine kinds are what a {@link Fields} holds after {@link Fields#normalize}. The rest can
 * still reach an encoder: {@link FieldArray#ofOwned} stores its elements as given.
 */
public enum ValueKind {
  NULL,
  STRING,
  BOOLEAN,
  LONG,
  DOUBLE,
  BIG_DECIMAL,
  BIG_INTEGER,
  /** A nested {@link Fields}: a JSON object. */
  FIELDS,
  /** A {@link FieldArray}: a JSON array. */
  FIELD_ARRAY,
  /** {@link Integer}, {@link Short} or {@link Byte}: normalised to a {@link Long}. */
  SMALL_INTEGER,
  /** {@link Float}: normalised to a {@link Double}. */
  FLOAT,
  /** An enum constant: normalised to its {@code name()}. */
  ENUM,
  /** A {@link Character}, or a {@link CharSequence} that is not a {@link String}: normalised to its text. */
  TEXT,
  /** Any other {@link Number} ({@code AtomicLong}, an application's own): normalised to its text. */
  OTHER_NUMBER,
  /** Anything else: a JSON value only as its {@code toString()}; the agent reads its members instead. */
  OTHER;

  /**
   * The kind of {@code value}. The kinds a capture holds come first, by how often they occur: the
   * encoders call this for every value on the batching thread, and the size estimate on the caller's.
   */
  public static ValueKind of(Object value) {
    if (value == null) {
      return NULL;
    }
    if (value instanceof String) {
      return STRING;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof Fields) {
      return FIELDS;
    }
    if (value instanceof FieldArray) {
      return FIELD_ARRAY;
    }
    if (value instanceof BigDecimal) {
      return BIG_DECIMAL;
    }
    if (value instanceof BigInteger) {
      return BIG_INTEGER;
    }
    return rare(value);
  }

  /** Kinds a normalised capture never holds: kept out of {@link #of} so that one stays small to inline. */
  private static ValueKind rare(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return SMALL_INTEGER;
    }
    if (value instanceof Float) {
      return FLOAT;
    }
    if (value instanceof Enum<?>) {
      return ENUM;
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return TEXT;
    }
    if (value instanceof Number) {
      return OTHER_NUMBER;
    }
    return OTHER;
  }
}
