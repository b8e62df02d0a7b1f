package io.trackweave.api.internal;

/**
 * The one rule that turns Java names into plan names, shared by the processor (compile time), the agent's
 * reflective fallback (run time) and the plan's lint hints, so the same member is spelled the same way
 * whichever path maps it.
 *
 * <p>The same rule spells enum constants: a constant matches the plan's enum value written exactly as the
 * constant ({@code USD -> USD}), or its {@link #snakeCase} ({@code TOO_MUCH_COFFEE -> too_much_coffee}). The
 * processor checks every constant against the plan at compile time, picks one spelling per enum, and the
 * generated mapper sends the plan's ({@code MapperSupport.name} or {@code MapperSupport.snakeName}).
 */
public final class PropertyNames {
  private PropertyNames() {}

  /**
   * The snake_case spelling of a Java name: {@code orderId -> order_id}, {@code unitPriceUSD ->
   * unit_price_usd}, {@code URL -> url}, {@code HTTPServerError -> http_server_error}, {@code line2Total ->
   * line2_total}, {@code imageURLs -> image_urls}. A word starts at a capital that follows a lowercase letter
   * or digit, and at the last capital of an acronym that is followed by a lowercase letter. Hyphens, spaces
   * and dots become underscores; runs of underscores collapse and leading/trailing ones are dropped. A name
   * that is already snake_case comes back unchanged.
   */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c == '_' || c == '-' || c == ' ' || c == '.') {
        appendSeparator(out);
        continue;
      }
      if (Character.isUpperCase(c)) {
        char prev = i > 0 ? name.charAt(i - 1) : '_';
        char next = i + 1 < n ? name.charAt(i + 1) : '_';
        boolean afterWordChar = Character.isLowerCase(prev) || Character.isDigit(prev);
        // "URLs", "IDs": a lone plural 's' after an acronym stays with it
        boolean plural = next == 's' && (i + 2 >= n || !Character.isLowerCase(name.charAt(i + 2)));
        boolean endsAcronym = Character.isUpperCase(prev) && Character.isLowerCase(next) && !plural;
        if (afterWordChar || endsAcronym) {
          appendSeparator(out);
        }
      }
      out.append(Character.toLowerCase(c));
    }
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) == '_') {
      out.setLength(len - 1);
    }
    return out.toString();
  }

  /**
   * The bean property an accessor reads, or null when {@code methodName} is not an accessor: {@code getX}
   * for any non-void type, {@code isX} for {@code boolean} and {@code Boolean}; X must start with a capital.
   * Decapitalised as {@code java.beans.Introspector} does: {@code getOrderId -> orderId}, {@code getURL ->
   * URL}. {@code getClass} is not a property.
   *
   * @param returnsBoolean whether the method returns {@code boolean} or {@code Boolean}
   * @param returnsVoid whether the method returns nothing
   */
  public static String accessorProperty(String methodName, boolean returnsBoolean, boolean returnsVoid) {
    String rest;
    if (methodName.startsWith("get") && methodName.length() > 3 && !returnsVoid && !methodName.equals("getClass")) {
      rest = methodName.substring(3);
    } else if (methodName.startsWith("is") && methodName.length() > 2 && returnsBoolean) {
      rest = methodName.substring(2);
    } else {
      return null;
    }
    if (!Character.isUpperCase(rest.charAt(0))) {
      return null;
    }
    if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) {
      return rest;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  private static void appendSeparator(StringBuilder out) {
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) != '_') {
      out.append('_');
    }
  }
}
