package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The values an {@code enum} or {@code const} allows, indexed so that a check allocates nothing: strings in a
 * set, booleans and null as flags, numbers as longs where they are whole (so {@code 1 == 1.0}) and as
 * BigDecimals otherwise.
 */
final class AllowedValues {
  private final Set<String> strings = new HashSet<>();
  private boolean trueAllowed;
  private boolean falseAllowed;
  private boolean nullAllowed;
  private final long[] longs;
  private final BigDecimal[] others;
  /** The allowed values as a message lists them: {@code 'a'} for one, {@code ['a', 'b']} for several. */
  final String rendered;

  /** {@code values} as the model holds them (String, Long, BigDecimal, Boolean or null). */
  AllowedValues(List<Object> values) {
    List<Long> ls = new ArrayList<>();
    List<BigDecimal> os = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (Object v : values) {
      if (v instanceof String) {
        strings.add((String) v);
        shown.add("'" + v + "'");
        continue;
      }
      shown.add(v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : String.valueOf(v));
      if (v == null) {
        nullAllowed = true;
      } else if (v instanceof Boolean) {
        if ((Boolean) v) {
          trueAllowed = true;
        } else {
          falseAllowed = true;
        }
      } else if (v instanceof Long) {
        ls.add((Long) v);
      } else if (v instanceof Number) {
        BigDecimal d = v instanceof BigDecimal ? (BigDecimal) v : new BigDecimal(v.toString());
        Long exact = exactLong(d);
        if (exact != null) {
          ls.add(exact);
        } else {
          os.add(d);
        }
      }
    }
    longs = ls.stream().mapToLong(Long::longValue).toArray();
    others = os.toArray(new BigDecimal[0]);
    rendered = shown.size() == 1 ? shown.get(0) : shown.toString();
  }

  /** {@code d} as a long when it is whole and fits, else null. */
  static Long exactLong(BigDecimal d) {
    try {
      return d.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  boolean allows(JsonNode v) {
    if (v.isTextual()) {
      return strings.contains(v.textValue());
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? trueAllowed : falseAllowed;
    }
    if (v.isNull()) {
      return nullAllowed;
    }
    if (!v.isNumber()) {
      return false;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return containsLong(v.longValue());
    }
    if (v.isDouble() || v.isFloat()) {
      double d = v.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.0e18 && containsLong((long) d)) {
        return true;
      }
      for (BigDecimal o : others) {
        if (Double.compare(o.doubleValue(), d) == 0) {
          return true;
        }
      }
      return false;
    }
    BigDecimal d = v.decimalValue();
    Long exact = exactLong(d);
    if (exact != null) {
      return containsLong(exact);
    }
    for (BigDecimal o : others) {
      if (o.compareTo(d) == 0) {
        return true;
      }
    }
    return false;
  }

  private boolean containsLong(long v) {
    for (long l : longs) {
      if (l == v) {
        return true;
      }
    }
    return false;
  }
}
