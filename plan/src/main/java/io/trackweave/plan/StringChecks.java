package io.trackweave.plan;

import java.util.regex.Pattern;

/** A schema's string keywords: {@code minLength}, {@code maxLength} (in Unicode code points) and {@code pattern}. */
final class StringChecks {
  private final int minLength; // -1: none
  private final int maxLength; // -1: none
  private final Pattern pattern;

  private StringChecks(Schema s) {
    minLength = s.minLength() == null ? -1 : s.minLength();
    maxLength = s.maxLength() == null ? -1 : s.maxLength();
    pattern = s.pattern() == null ? null : Pattern.compile(s.pattern());
  }

  /** The string checks of {@code s}, or null when it has none. */
  static StringChecks of(Schema s) {
    return s.minLength() == null && s.maxLength() == null && s.pattern() == null ? null : new StringChecks(s);
  }

  void check(String s, Violations violations) {
    if (minLength >= 0 || maxLength >= 0) {
      // code points, as JSON Schema counts: an emoji is one character, not two UTF-16 units
      int length = s.codePointCount(0, s.length());
      if (minLength >= 0 && length < minLength) {
        violations.add("must be at least " + minLength + " characters long (minLength), got " + length);
      }
      if (maxLength >= 0 && length > maxLength) {
        violations.add("must be at most " + maxLength + " characters long (maxLength), got " + length);
      }
    }
    // find, not matches: JSON Schema's pattern is unanchored; a plan anchors it with ^...$
    if (pattern != null && !pattern.matcher(s).find()) {
      violations.add("must match pattern " + pattern.pattern() + ", got " + LiveValues.quote(s));
    }
  }
}
