package io.trackweave.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ValueKindTest {
  /** An enum whose constant has a body (so its class is a subclass of the enum) and whose toString lies. */
  enum Tier {
    GOLD {
      @Override
      public String toString() {
        return "Gold tier";
      }
    }
  }

  /** One value of every kind. A new kind fails {@link #everyKindHasASample} until it gets one here. */
  static Map<ValueKind, Object> samples() {
    Map<ValueKind, Object> m = new EnumMap<>(ValueKind.class);
    m.put(ValueKind.NULL, null);
    m.put(ValueKind.STRING, "latte");
    m.put(ValueKind.BOOLEAN, true);
    m.put(ValueKind.LONG, 42L);
    m.put(ValueKind.DOUBLE, 4.5d);
    m.put(ValueKind.BIG_DECIMAL, new BigDecimal("19.990"));
    m.put(ValueKind.BIG_INTEGER, new BigInteger("123456789012345678901234567890"));
    m.put(ValueKind.FIELDS, Fields.builder(1).put("sku", "A-1").build());
    m.put(ValueKind.FIELD_ARRAY, FieldArray.ofOwned(new Object[] {1L, "two"}));
    m.put(ValueKind.SMALL_INTEGER, 7);
    m.put(ValueKind.FLOAT, 1.5f);
    m.put(ValueKind.ENUM, Tier.GOLD);
    m.put(ValueKind.TEXT, new StringBuilder("brewed"));
    m.put(ValueKind.OTHER_NUMBER, new AtomicLong(9));
    m.put(ValueKind.OTHER, Path.of("beans"));
    return m;
  }

  @Test
  void everyKindHasASample() {
    assertThat(samples().keySet()).isEqualTo(EnumSet.allOf(ValueKind.class));
  }

  @Test
  void eachSampleIsOfItsKind() {
    samples().forEach((kind, value) -> assertThat(ValueKind.of(value)).as(String.valueOf(value)).isEqualTo(kind));
  }

  @Test
  void narrowBoxesAndOtherTextAndNumbersHaveTheirKinds() {
    assertThat(ValueKind.of((short) 3)).isEqualTo(ValueKind.SMALL_INTEGER);
    assertThat(ValueKind.of((byte) 3)).isEqualTo(ValueKind.SMALL_INTEGER);
    assertThat(ValueKind.of('x')).isEqualTo(ValueKind.TEXT);
    assertThat(ValueKind.of(TimeUnit.SECONDS)).isEqualTo(ValueKind.ENUM);
    assertThat(ValueKind.of(DayOfWeek.MONDAY)).isEqualTo(ValueKind.ENUM);
    assertThat(ValueKind.of(UUID.fromString("00000000-0000-0000-0000-000000000001"))).isEqualTo(ValueKind.OTHER);
    assertThat(ValueKind.of(new Object())).isEqualTo(ValueKind.OTHER);
  }

  @Test
  void normalizeKeepsTheKindsFieldsHoldsAndMapsTheRest() {
    Map<ValueKind, Object> s = samples();
    for (ValueKind kind : EnumSet.range(ValueKind.NULL, ValueKind.FIELD_ARRAY)) {
      assertThat(Fields.normalize(s.get(kind))).as(kind.name()).isSameAs(s.get(kind));
    }
    assertThat(Fields.normalize(7)).isEqualTo(7L);
    assertThat(Fields.normalize((short) -2)).isEqualTo(-2L);
    assertThat(Fields.normalize((byte) 5)).isEqualTo(5L);
    assertThat(Fields.normalize(1.5f)).isEqualTo(1.5d);
    assertThat(Fields.normalize(Tier.GOLD)).isEqualTo("GOLD"); // the name, not what toString says
    assertThat(Fields.normalize(new StringBuilder("brewed"))).isEqualTo("brewed");
    assertThat(Fields.normalize('x')).isEqualTo("x");
    assertThat(Fields.normalize(new AtomicLong(9))).isEqualTo("9");
    assertThat(Fields.normalize(Path.of("beans"))).isEqualTo("beans");
  }

  @Test
  void whatNormalizeReturnsIsAlwaysAKindFieldsHolds() {
    EnumSet<ValueKind> held = EnumSet.range(ValueKind.NULL, ValueKind.FIELD_ARRAY);
    samples().values().forEach(v -> assertThat(held).contains(ValueKind.of(Fields.normalize(v))));
  }
}
