package io.trackweave.plan;

import java.util.function.Function;

/** Looks up the constant a plan names by its key ({@code trim}, {@code greater_than}, {@code once}). */
final class EnumKeys {
  private EnumKeys() {}

  /** The constant whose key is {@code wanted}, or null. */
  static <E extends Enum<E>> E of(E[] constants, Function<E, String> key, String wanted) {
    for (E e : constants) {
      if (key.apply(e).equals(wanted)) {
        return e;
      }
    }
    return null;
  }
}
