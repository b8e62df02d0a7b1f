package io.trackweave.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * An inclusive {@code minimum} or {@code maximum}, kept in the forms the comparisons need (long, double and
 * exact) so that comparing a live number allocates nothing in the common cases.
 */
final class NumericBound {
  private final BigDecimal exact;
  private final boolean isLong;
  private final long asLong;
  private final double asDouble;
  /** The bound as a message shows it: no exponent, no trailing zeros. */
  final String shown;

  NumericBound(BigDecimal exact) {
    this.exact = exact;
    Long l = AllowedValues.exactLong(exact);
    this.isLong = l != null;
    this.asLong = l == null ? 0 : l;
    this.asDouble = exact.doubleValue();
    this.shown = exact.stripTrailingZeros().toPlainString();
  }

  /** Negative, zero or positive as the number {@code v} is below, at or above this bound. */
  int compare(JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return isLong ? Long.compare(v.longValue(), asLong) : BigDecimal.valueOf(v.longValue()).compareTo(exact);
    }
    if (v.isDouble() || v.isFloat()) {
      return Double.compare(v.doubleValue(), asDouble);
    }
    return v.decimalValue().compareTo(exact);
  }
}
