package io.trackweave.runtime.internal.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.ValueKind;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JSON each value kind becomes, so a kind the encoder's switch forgets fails here. */
class ValueEncodingTest {
  enum Tier {
    GOLD {
      @Override
      public String toString() {
        return "Gold tier";
      }
    }
  }

  private static String json(Object v) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      JsonValues.writeValue(g, v);
    }
    return out.toString();
  }

  @Test
  void everyKindIsWrittenAsItsJson() throws Exception {
    Map<ValueKind, Object[]> cases = new EnumMap<>(ValueKind.class);
    cases.put(ValueKind.NULL, new Object[] {null, "null"});
    cases.put(ValueKind.STRING, new Object[] {"la\"tte", "\"la\\\"tte\""});
    cases.put(ValueKind.BOOLEAN, new Object[] {false, "false"});
    cases.put(ValueKind.LONG, new Object[] {-42L, "-42"});
    cases.put(ValueKind.DOUBLE, new Object[] {4.5d, "4.5"});
    cases.put(ValueKind.BIG_DECIMAL, new Object[] {new BigDecimal("19.990"), "19.990"});
    cases.put(ValueKind.BIG_INTEGER, new Object[] {new BigInteger("123456789012345678901234567890"),
        "123456789012345678901234567890"});
    cases.put(ValueKind.FIELDS, new Object[] {Fields.builder(2).put("sku", "A-1").put("qty", 2).build(),
        "{\"sku\":\"A-1\",\"qty\":2}"});
    cases.put(ValueKind.FIELD_ARRAY, new Object[] {FieldArray.ofOwned(new Object[] {1L, null, "two", 3}),
        "[1,null,\"two\",3]"});
    cases.put(ValueKind.SMALL_INTEGER, new Object[] {(short) 7, "7"});
    cases.put(ValueKind.FLOAT, new Object[] {1.5f, "1.5"});
    cases.put(ValueKind.ENUM, new Object[] {Tier.GOLD, "\"Gold tier\""});
    cases.put(ValueKind.TEXT, new Object[] {new StringBuilder("brewed"), "\"brewed\""});
    cases.put(ValueKind.OTHER_NUMBER, new Object[] {new AtomicLong(9), "\"9\""});
    cases.put(ValueKind.OTHER, new Object[] {Path.of("beans"), "\"beans\""});
    assertThat(cases.keySet()).isEqualTo(EnumSet.allOf(ValueKind.class));
    for (Map.Entry<ValueKind, Object[]> c : cases.entrySet()) {
      assertThat(ValueKind.of(c.getValue()[0])).isEqualTo(c.getKey());
      assertThat(json(c.getValue()[0])).as(c.getKey().name()).isEqualTo(c.getValue()[1]);
    }
  }
}
