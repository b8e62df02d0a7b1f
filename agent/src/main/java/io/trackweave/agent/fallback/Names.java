package io.trackweave.agent.fallback;

import java.util.Locale;

/** Java names to the plan's lowercase snake_case, as the processor spells them. */
final class Names {
  private Names() {}

  static String snakeCase(String javaName) {
    StringBuilder sb = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          char previous = javaName.charAt(i - 1);
          boolean nextLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
          if (Character.isLowerCase(previous)
              || Character.isDigit(previous)
              || (Character.isUpperCase(previous) && nextLower)) {
            sb.append('_');
          }
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
