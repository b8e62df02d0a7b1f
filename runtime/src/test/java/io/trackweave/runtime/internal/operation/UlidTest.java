package io.trackweave.runtime.internal.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidTest {
  @Test
  void textFormIsCrockfordBase32AndRoundTrips() {
    long high = Ulid.randomHigh(1_700_000_000_000L);
    long low = Ulid.randomLow();
    String text = Ulid.toString(high, low);
    assertThat(text).hasSize(26).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
    assertThat(Ulid.parse(text)).containsExactly(high, low);
    assertThat(Ulid.timeMillis(high)).isEqualTo(1_700_000_000_000L);
    // the spec's example: time part 01ARZ3NDEK is 1469918176385 ms
    assertThat(Ulid.timeMillis(Ulid.parse("01ARZ3NDEKTSV4RRFFQ69G5FAV")[0])).isEqualTo(1_469_922_850_259L);
  }

  @Test
  void derivedIdsArePureFunctionsOfEventAndKey() {
    assertThat(Ulid.hashHigh("order_completed", "o-1")).isEqualTo(Ulid.hashHigh("order_completed", "o-1"));
    assertThat(Ulid.hashLow("order_completed", "o-1")).isEqualTo(Ulid.hashLow("order_completed", "o-1"));
    // pinned: a change here would make every deployed process send new ids for old orders
    assertThat(Ulid.toString(Ulid.hashHigh("order_completed", "o-1"), Ulid.hashLow("order_completed", "o-1")))
        .isEqualTo(PINNED);
    assertThat(Ulid.hashHigh("ab", "c")).isNotEqualTo(Ulid.hashHigh("a", "bc"));
    long millis = Ulid.timeMillis(Ulid.hashHigh("order_completed", "o-1"));
    assertThat(millis).isBetween(1_577_836_800_000L, 1_577_836_800_000L + 315_576_000_000L);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(Ulid.toString(Ulid.hashHigh("e", "k" + i), Ulid.hashLow("e", "k" + i)));
    }
    assertThat(ids).hasSize(100_000);
  }

  static final String PINNED = "01FN9PHDFPY8ZAQ82SHPSDQXPC";
}
