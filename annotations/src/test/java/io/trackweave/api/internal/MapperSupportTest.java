package io.trackweave.api.internal;

import io.trackweave.api.Fields;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Tracker;
import io.trackweave.api.Person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MapperSupportTest {
  private enum Color { RED }

  private enum Reason { TOO_MUCH_COFFEE, PRICE, HTTPError }

  /** Records what a generated mapper tells its tracker. */
  private static class Violations implements Tracker {
    final List<String> seen = new ArrayList<>();

    @Override
    public void identify(Person person, Fields attributes, boolean updateOnly) {}

    @Override
    public void track(Person person, String event, Fields properties, long timestamp, String dedupeKey) {}

    @Override
    public void violation(String event, String property, String problem) {
      seen.add(event + "|" + property + "|" + problem);
    }
  }

  @Test
  void requiredStoresAValueAndReportsANullOne() {
    Violations tracker = new Violations();
    Fields.Builder builder = Fields.builder(2);
    MapperSupport.required(builder, "order_id", "o-1", tracker, "order_completed");
    MapperSupport.required(builder, "coupon", null, tracker, "order_completed");
    MapperSupport.required(builder, "sku", null, tracker, "order_completed", "items[].sku");
    Fields fields = builder.build();
    assertThat(fields.size()).isEqualTo(1);
    assertThat(fields.get("order_id")).isEqualTo("o-1");
    assertThat(tracker.seen).containsExactly(
        "order_completed|coupon|required property is null or absent",
        "order_completed|items[].sku|required property is null or absent");
  }

  @Test
  void putOptionalLeavesANullOutAndNormalisesTheRest() {
    Fields fields = Fields.builder(1).putOptional("a", null).putOptional("b", 3).putOptional("c", 'x').build();
    assertThat(fields.has("a")).isFalse();
    assertThat(fields.get("b")).isEqualTo(3L);
    assertThat(fields.get("c")).isEqualTo("x");
  }

  @Test
  void convertersMapNullToNull() {
    assertThat(MapperSupport.text(null)).isNull();
    assertThat(MapperSupport.name(null)).isNull();
    assertThat(MapperSupport.integer(null)).isNull();
    assertThat(MapperSupport.number(null)).isNull();
    assertThat(MapperSupport.seconds(null)).isNull();
    assertThat(MapperSupport.isoOffset(null)).isNull();
    assertThat((Object) MapperSupport.orNull((Optional<String>) null)).isNull();
    assertThat((Object) MapperSupport.orNull(Optional.empty())).isNull();
    assertThat(MapperSupport.orNull((OptionalInt) null)).isNull();
    assertThat(MapperSupport.orNull(OptionalInt.empty())).isNull();
    assertThat(MapperSupport.orNull(OptionalLong.empty())).isNull();
    assertThat(MapperSupport.orNull(OptionalDouble.empty())).isNull();
  }

  @Test
  void convertersGiveTheFieldsValueKinds() {
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    assertThat(MapperSupport.text(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001")))
        .isEqualTo("00000000-0000-0000-0000-000000000001");
    assertThat(MapperSupport.name(Color.RED)).isEqualTo("RED");
    assertThat(MapperSupport.integer(7)).isEqualTo(7L);
    assertThat(MapperSupport.number(1.5f)).isEqualTo(1.5d);
    assertThat(MapperSupport.seconds(t)).isEqualTo(t.getEpochSecond());
    assertThat(MapperSupport.seconds(OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(2)))).isEqualTo(t.getEpochSecond());
    assertThat(MapperSupport.seconds(ZonedDateTime.ofInstant(t, ZoneOffset.UTC))).isEqualTo(t.getEpochSecond());
    assertThat(MapperSupport.isoOffset(OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(2))))
        .isEqualTo("2024-05-01T12:00:00+02:00");
    assertThat((Object) MapperSupport.orNull(Optional.of("x"))).isEqualTo("x");
    assertThat(MapperSupport.orNull(OptionalInt.of(4))).isEqualTo(4L);
    assertThat(MapperSupport.orNull(OptionalLong.of(5))).isEqualTo(5L);
    assertThat(MapperSupport.orNull(OptionalDouble.of(0.5))).isEqualTo(0.5d);
  }

  @Test
  void arrayKeepsOnlyTheFilledSlots() {
    Object[] slots = MapperSupport.slots(List.of("a", "b", "c"));
    slots[0] = "a";
    slots[1] = "b";
    assertThat(MapperSupport.array(slots, 2)).isEqualTo(FieldArray.ofOwned(new Object[] {"a", "b"}));
    assertThat(MapperSupport.array(new Object[] {"x"}, 1).size()).isEqualTo(1);
  }

  @Test
  void failedCountsAFailureAndSwallowsATrackerThatThrows() {
    Violations tracker = new Violations();
    MapperSupport.failed(tracker, "e", "track", new IllegalStateException("boom"));
    MapperSupport.failed(tracker, null, "identify", new StackOverflowError());
    assertThat(tracker.seen).containsExactly(
        "e|null|track mapping failed: java.lang.IllegalStateException: boom",
        "null|null|identify mapping failed: java.lang.StackOverflowError");
    Tracker throwing = new Violations() {
      @Override
      public void violation(String event, String property, String problem) {
        throw new IllegalArgumentException("tracker broke");
      }
    };
    MapperSupport.failed(throwing, "e", "track", new RuntimeException());
  }

  @Test
  void failedRethrowsAFailingJvm() {
    OutOfMemoryError oom = new OutOfMemoryError("test");
    assertThatThrownBy(() -> MapperSupport.failed(new Violations(), "e", "track", oom)).isSameAs(oom);
  }

  @Test
  void snakeNameIsThePlansSpellingOfAConstant() {
    assertThat(MapperSupport.snakeName(Reason.TOO_MUCH_COFFEE)).isEqualTo("too_much_coffee");
    assertThat(MapperSupport.snakeName(Reason.PRICE)).isEqualTo("price");
    assertThat(MapperSupport.snakeName(Reason.HTTPError)).isEqualTo(PropertyNames.snakeCase("HTTPError"));
    assertThat(MapperSupport.snakeName(null)).isNull();
  }

  @Test
  void oneOfLetsThePlansValuesThroughAndCountsAnyOther() {
    Violations tracker = new Violations();
    String[] allowed = {"price", "other"};
    assertThat(MapperSupport.oneOf("price", tracker, "e", "reason", allowed)).isEqualTo("price");
    assertThat(MapperSupport.oneOf(null, tracker, "e", "reason", allowed)).isNull();
    assertThat(tracker.seen).isEmpty();
    assertThat(MapperSupport.oneOf("PRICE", tracker, "e", "reason", allowed)).isNull();
    assertThat(tracker.seen).containsExactly("e|reason|value is not one of the plan's enum values [price, other]");
  }
}
