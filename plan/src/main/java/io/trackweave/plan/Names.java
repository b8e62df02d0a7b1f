package io.trackweave.plan;

import io.trackweave.api.internal.PropertyNames;
import java.util.Collection;
import java.util.Locale;

/**
 * Naming helpers shared by the plan linter, the processor and the emulator: the plan's names are lowercase
 * snake_case, Java's are camelCase, and every "not found" message offers the closest known name.
 */
public final class Names {
  private Names() {}

  /**
   * True for a lowercase snake_case name: a lowercase letter, then lowercase letters and digits, in words joined
   * by single underscores ({@code order_id}, {@code line_item2}, {@code address_2}). Empty, leading, trailing or
   * doubled underscores, capitals and other characters are not snake_case.
   */
  public static boolean isSnakeCase(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    char previous = first;
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        if (previous == '_') {
          return false;
        }
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
      previous = c;
    }
    return previous != '_';
  }

  /**
   * The snake_case spelling of a Java name: {@code orderId -> order_id}, {@code unitPriceUSD -> unit_price_usd},
   * {@code URL -> url}, {@code HTTPServerError -> http_server_error}, {@code line2Total -> line2_total}, {@code imageURLs -> image_urls}. A word
   * starts at a capital that follows a lowercase letter or digit, and at the last capital of an acronym that is
   * followed by a lowercase letter. Hyphens, spaces and dots become underscores; runs of underscores collapse and
   * leading/trailing ones are dropped. A name that is already snake_case comes back unchanged. The rule itself
   * lives in {@link PropertyNames}, so the processor and the agent spell names the same way.
   */
  public static String toSnakeCase(String name) {
    return PropertyNames.snakeCase(name);
  }

  /**
   * The candidate closest to {@code wanted}, for "did you mean" hints, or null when none is close enough.
   * Distance is the Damerau-Levenshtein (optimal string alignment) distance between the lowercase forms, and a
   * candidate whose snake_case form equals {@code wanted}'s ({@code orderId} vs {@code order_id}) counts as
   * distance 0. "Close enough" is at most one edit per three characters of {@code wanted} (at least 1, at most
   * 3). Ties go to the earlier candidate in iteration order.
   */
  public static String closest(String wanted, Collection<String> candidates) {
    if (wanted == null || candidates == null || candidates.isEmpty()) {
      return null;
    }
    String w = wanted.toLowerCase(Locale.ROOT);
    String ws = toSnakeCase(wanted);
    int limit = Math.max(1, Math.min(3, wanted.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate == null) {
        continue;
      }
      int d;
      if (toSnakeCase(candidate).equals(ws)) {
        d = 0;
      } else {
        d = distance(w, candidate.toLowerCase(Locale.ROOT));
      }
      if (d <= limit && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > 3) {
      return Math.abs(n - m);
    }
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }

  /** " (did you mean 'x'?)" for messages, or "" when nothing is close. */
  static String didYouMean(String wanted, Collection<String> candidates) {
    return PlanMessage.didYouMean(wanted, candidates);
  }
}
