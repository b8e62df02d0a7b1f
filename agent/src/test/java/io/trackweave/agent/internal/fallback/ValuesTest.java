package io.trackweave.agent.internal.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static List<Integer> numbers(int n) {
    List<Integer> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(i);
    }
    return list;
  }

  @Test
  void smallValuesAreCopiedWhole() {
    try (RecordingTracker tracker = RecordingTracker.install()) {
      FieldArray copied = (FieldArray) Values.capture(numbers(Values.MAX_ELEMENTS), "order_completed", "items");

      assertThat(copied.size()).isEqualTo(Values.MAX_ELEMENTS);
      assertThat(tracker.calls).isEmpty();
    }
  }

  @Test
  void aLongListIsTruncatedWithOneCountedViolation() {
    try (RecordingTracker tracker = RecordingTracker.install()) {
      FieldArray copied = (FieldArray) Values.capture(numbers(1_500), "order_completed", "items");

      assertThat(copied.size()).isEqualTo(Values.MAX_ELEMENTS);
      assertThat(copied.get(999)).isEqualTo(999L);
      assertThat(tracker.calls).singleElement().satisfies(call -> {
        assertThat(call.kind()).isEqualTo("violation");
        assertThat(call.name()).isEqualTo("order_completed");
        assertThat(call.dedupeKey()).isEqualTo("items"); // the recorder keeps the property there
        assertThat((String) call.fields().get("problem")).contains("500 element(s)");
      });
    }
  }

  @Test
  void arraysAndMapsAreCappedToo() {
    Map<String, Integer> big = new LinkedHashMap<>();
    for (int i = 0; i < 1_200; i++) {
      big.put("k" + i, i);
    }
    try (RecordingTracker tracker = RecordingTracker.install()) {
      Fields map = (Fields) Values.capture(big, null, "scores");
      FieldArray array = (FieldArray) Values.capture(new long[2_000], "e", "a");

      assertThat(map.size()).isEqualTo(Values.MAX_ELEMENTS);
      assertThat(array.size()).isEqualTo(Values.MAX_ELEMENTS);
      assertThat(tracker.calls).hasSize(2);
      assertThat((String) tracker.calls.get(0).fields().get("problem")).contains("200 element(s)");
      assertThat((String) tracker.calls.get(1).fields().get("problem")).contains("1000 element(s)");
    }
  }

  @Test
  void nestingCannotMultiplyTheCap() {
    List<List<Integer>> nested = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      nested.add(numbers(Values.MAX_ELEMENTS));
    }
    try (RecordingTracker tracker = RecordingTracker.install()) {
      FieldArray copied = (FieldArray) Values.capture(nested, "e", "grid");

      long total = 0;
      for (int i = 0; i < copied.size(); i++) {
        total += 1 + ((FieldArray) copied.get(i)).size();
      }
      assertThat(total).isLessThanOrEqualTo(Values.MAX_TOTAL_ELEMENTS);
      assertThat(tracker.calls).singleElement().extracting(RecordingTracker.Call::kind).isEqualTo("violation");
    }
  }
}
