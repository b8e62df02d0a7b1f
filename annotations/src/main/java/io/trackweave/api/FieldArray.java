package io.trackweave.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable JSON array inside {@link Fields}. Elements follow the same value kinds as {@link Fields}.
 */
public final class FieldArray {
  public static final FieldArray EMPTY = new FieldArray(new Object[0]);

  private final Object[] elements;

  private FieldArray(Object[] elements) {
    this.elements = elements;
  }

  /**
   * Wraps an array that the caller has just filled and never touches again (generated mappers build a
   * fresh one per call), so no copy is made.
   */
  public static FieldArray ofOwned(Object[] elements) {
    return new FieldArray(Objects.requireNonNull(elements, "elements"));
  }

  /** Copies the given elements, normalising each as {@link Fields.Builder#putValue} does. */
  public static FieldArray copyOf(Iterable<?> elements) {
    Object[] out = new Object[8];
    int n = 0;
    for (Object element : elements) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = Fields.normalize(element);
    }
    return new FieldArray(Arrays.copyOf(out, n));
  }

  public int size() {
    return elements.length;
  }

  public Object get(int index) {
    return elements[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldArray other && Arrays.equals(elements, other.elements);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(elements);
  }

  @Override
  public String toString() {
    return Arrays.toString(elements);
  }
}
