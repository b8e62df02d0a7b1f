package io.trackweave.plan;

import java.util.List;
import java.util.Locale;

/**
 * A clean-up applied to a string value before it is checked and sent, declared on a string schema as
 * {@code normalize: [trim, lowercase]}, so that "Skin Care " and "skin care" reach a segment as one value.
 * Steps apply in the order the plan lists them.
 */
public enum Normalization {
  /** Removes leading and trailing white space (Unicode-aware, as {@link String#strip()}). */
  TRIM("trim"),
  /** Lower case by the root locale (no Turkish dotless i surprises). */
  LOWERCASE("lowercase"),
  /** Upper case by the root locale. */
  UPPERCASE("uppercase"),
  /** Collapses every run of white space inside the value to one space. */
  COLLAPSE_SPACES("collapse_spaces");

  private final String key;

  Normalization(String key) {
    this.key = key;
  }

  /** The step's key in the plan, e.g. {@code lowercase}. */
  public String key() {
    return key;
  }

  /** This step applied to {@code value}. */
  public String apply(String value) {
    return switch (this) {
      case TRIM -> value.strip();
      case LOWERCASE -> value.toLowerCase(Locale.ROOT);
      case UPPERCASE -> value.toUpperCase(Locale.ROOT);
      case COLLAPSE_SPACES -> value.replaceAll("\\s+", " ");
    };
  }

  /** Every step of {@code steps} applied to {@code value}, in order; null stays null. */
  public static String applyAll(List<Normalization> steps, String value) {
    if (value == null) {
      return null;
    }
    String v = value;
    for (Normalization n : steps) {
      v = n.apply(v);
    }
    return v;
  }
}
