package io.trackweave.runtime.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.runtime.internal.operation.Rejection;
import org.junit.jupiter.api.Test;

class MeasureTest {
  @Test
  void utf8LengthsWithoutEncoding() {
    assertThat(Measure.utf8Length("abc")).isEqualTo(3);
    assertThat(Measure.utf8Length("é")).isEqualTo(2);
    assertThat(Measure.utf8Length("€")).isEqualTo(3);
    assertThat(Measure.utf8Length("😀")).isEqualTo(4);
    assertThat(Measure.utf8Exceeds("€".repeat(34), 100)).isTrue(); // 102 bytes, 34 chars
    assertThat(Measure.utf8Exceeds("€".repeat(33), 100)).isFalse();
  }

  @Test
  void eachLimit() {
    assertThat(Measure.rejection(Measure.eventName(null))).isEqualTo(Rejection.MISSING_EVENT_NAME);
    assertThat(Measure.eventName("x".repeat(100))).isPositive();
    assertThat(Measure.rejection(Measure.eventName("x".repeat(101)))).isEqualTo(Rejection.EVENT_NAME_TOO_LONG);
    assertThat(Measure.rejection(Measure.personAttributes(Fields.builder(1).put("x".repeat(151), 1).build())))
        .isEqualTo(Rejection.ATTRIBUTE_NAME_TOO_LONG);
    Fields nested = Fields.builder(1).put("list", FieldArray.copyOf(java.util.Collections.nCopies(200, "abcdef"))).build();
    assertThat(Measure.rejection(Measure.personAttributes(nested))).isEqualTo(Rejection.ATTRIBUTE_VALUE_TOO_LARGE);
    assertThat(Measure.eventProperties(nested)).isGreaterThan(1000); // events carry larger data
    assertThat(Measure.rejection(Measure.eventProperties(Fields.builder(1).put("x", Double.NEGATIVE_INFINITY).build())))
        .isEqualTo(Rejection.NON_FINITE_NUMBER);
    assertThat(Measure.rejection(Measure.deviceAttributes(Fields.builder(1).put("x", Fields.EMPTY).build())))
        .isEqualTo(Rejection.DEVICE_ATTRIBUTE_NOT_SCALAR);
  }

  /** The estimate of one value of each kind (the common kinds take a shortcut; the rest go by ValueKind). */
  @Test
  void eachValueKindsEstimate() {
    assertThat(Measure.value(null)).isEqualTo(4);
    assertThat(Measure.value("latte")).isEqualTo(7);
    assertThat(Measure.value(true)).isEqualTo(5);
    assertThat(Measure.value(-120L)).isEqualTo(4);
    assertThat(Measure.value(Long.MIN_VALUE)).isEqualTo(20);
    assertThat(Measure.value(4.5d)).isEqualTo(8);
    assertThat(Measure.value(new java.math.BigDecimal("19.990"))).isEqualTo(7);
    assertThat(Measure.value(java.math.BigInteger.TEN.pow(30))).isEqualTo(32); // 100 bits * 0.3 + 2
    assertThat(Measure.value(Fields.builder(1).put("a", 1L).build())).isEqualTo(8); // {"a":1}
    assertThat(Measure.value(FieldArray.ofOwned(new Object[] {1L, "b"}))).isEqualTo(8); // 2 + (1 + 1) + (3 + 1)
    assertThat(Measure.value(1.5f)).isEqualTo(8);
    assertThat(Measure.value(1234)).isEqualTo(6); // an Integer in an owned array: estimated as its text
    assertThat(Measure.value(new StringBuilder("abc"))).isEqualTo(5);
    assertThat(Measure.value(new java.util.concurrent.atomic.AtomicLong(12))).isEqualTo(4);
    assertThat(Measure.rejection(Measure.value(Double.NaN))).isEqualTo(Rejection.NON_FINITE_NUMBER);
    assertThat(Measure.rejection(Measure.value(Float.POSITIVE_INFINITY))).isEqualTo(Rejection.NON_FINITE_NUMBER);
    assertThat(Measure.rejection(Measure.value("x".repeat(32 * 1024 + 1)))).isEqualTo(Rejection.OPERATION_TOO_LARGE);
  }
}
