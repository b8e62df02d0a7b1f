package io.trackweave.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, ordered capture of named values: an event's properties or a person's attributes.
 *
 * <p>Generated mappers fill it on the caller's thread by reading leaf values now (the application may
 * mutate its objects after the method returns); encoding to JSON happens later, on the runtime's batching
 * thread. A value is one of: {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link Double},
 * {@link BigDecimal}, {@link BigInteger}, a nested {@code Fields} (a JSON object), or a {@link FieldArray}
 * (a JSON array).
 */
public final class Fields {
  public static final Fields EMPTY = new Fields(new String[0], new Object[0], 0);

  private final String[] names;
  private final Object[] values;
  private final int size;

  private Fields(String[] names, Object[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  public static Builder builder(int expectedSize) {
    return new Builder(expectedSize);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public String name(int index) {
    Objects.checkIndex(index, size);
    return names[index];
  }

  public Object value(int index) {
    Objects.checkIndex(index, size);
    return values[index];
  }

  /** The value of the first field with this name, or null when there is none (or it is null). */
  public Object get(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  public boolean has(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fields other) || other.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!names[i].equals(other.names[i]) || !Objects.equals(values[i], other.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < size; i++) {
      h = 31 * h + names[i].hashCode();
      h = 31 * h + Objects.hashCode(values[i]);
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }

  /** Fills a {@link Fields}; not thread-safe, and not reusable after {@link #build()}. */
  public static final class Builder {
    private String[] names;
    private Object[] values;
    private int size;

    private Builder(int expectedSize) {
      int capacity = Math.max(expectedSize, 1);
      this.names = new String[capacity];
      this.values = new Object[capacity];
    }

    public Builder put(String name, String value) {
      return add(name, value);
    }

    public Builder put(String name, long value) {
      return add(name, value);
    }

    public Builder put(String name, double value) {
      return add(name, value);
    }

    public Builder put(String name, boolean value) {
      return add(name, value);
    }

    public Builder put(String name, Fields value) {
      return add(name, value);
    }

    public Builder put(String name, FieldArray value) {
      return add(name, value);
    }

    public Builder put(String name, BigDecimal value) {
      return add(name, value);
    }

    public Builder put(String name, BigInteger value) {
      return add(name, value);
    }

    /**
     * Adds a boxed or otherwise dynamic value, normalised to one of the value kinds above: integral
     * boxes become {@link Long}, {@link Float} becomes {@link Double}, {@link Character} and
     * {@link CharSequence} become {@link String}, an enum its {@code name()}. Anything else is stored as
     * its {@code toString()}; never throws for the value: when {@code toString()} throws, the value is
     * kept as it is and the runtime rejects the call with a counted reason.
     */
    public Builder putValue(String name, Object value) {
      return add(name, normalize(value));
    }

    /** Adds {@code value} (normalised as {@link #putValue}) unless it is null. */
    public Builder putOptional(String name, Object value) {
      return value == null ? this : add(name, normalize(value));
    }

    public Fields build() {
      Fields fields = new Fields(names, values, size);
      names = null; // the built Fields owns the arrays now
      values = null;
      return fields;
    }

    private Builder add(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (names == null) {
        throw new IllegalStateException("build() was already called");
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size] = value;
      size++;
      return this;
    }
  }

  /** Maps a dynamic Java value onto the value kinds {@link Fields} holds. */
  public static Object normalize(Object value) {
    return switch (ValueKind.of(value)) {
      case NULL, STRING, BOOLEAN, LONG, DOUBLE, BIG_DECIMAL, BIG_INTEGER, FIELDS, FIELD_ARRAY -> value;
      case SMALL_INTEGER -> ((Number) value).longValue();
      case FLOAT -> ((Float) value).doubleValue();
      case ENUM -> ((Enum<?>) value).name();
      case TEXT, OTHER_NUMBER, OTHER -> text(value);
    };
  }

  /**
   * A value's {@code toString()}, or the value itself when that throws (a broken {@code toString}, or a
   * collection deep or cyclic enough to overflow the stack): building fields never throws into the
   * caller; the runtime then rejects the call with a counted reason where it measures the value.
   */
  private static Object text(Object value) {
    try {
      return value.toString();
    } catch (RuntimeException | StackOverflowError e) {
      return value;
    }
  }
}
