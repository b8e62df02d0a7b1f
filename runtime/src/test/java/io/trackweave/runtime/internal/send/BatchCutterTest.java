package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.internal.capture.Capture;
import io.trackweave.runtime.internal.capture.DedupeFilter;
import io.trackweave.runtime.internal.encode.EncodedItems;
import io.trackweave.runtime.internal.encode.WireFormat;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a batch's encoded items into requests within the body limit, on the real v2 encoding. */
class BatchCutterTest {
  final Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
      new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
  final OperationQueue queue = new OperationQueue(1 << 20, 1000, 1000, 1 << 20);
  final WireFormat wire = WireFormat.of(ApiVersion.V2);

  /** Events whose encodings grow with their index. */
  List<Operation> events(int n) {
    Capture capture = new Capture(ledger, queue, Overflow.DROP, new DedupeFilter(64), ApiVersion.V2,
        System::currentTimeMillis);
    for (int i = 0; i < n; i++) {
      capture.track(Person.identified(IdentifierType.ID, "p" + i), "viewed_" + "x".repeat(i * 7), Fields.EMPTY,
          1_700_000_000L, null);
    }
    List<Operation> ops = new ArrayList<>();
    Operation op;
    while ((op = queue.poll()) != null) {
      ops.add(op);
    }
    return ops;
  }

  static int[] all(int n) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    return indices;
  }

  /** The body of {@code indices[from..to)}: the envelope plus the items joined by commas. */
  long size(EncodedItems items, int[] indices, int from, int to) {
    long size = wire.bodyOverhead();
    for (int k = from; k < to; k++) {
      size += items.length(indices[k]) + (k > from ? 1 : 0);
    }
    return size;
  }

  @Test
  void requestsStayWithinTheLimitAndEachTakesAsManyItemsAsFit() {
    int n = 12;
    EncodedItems items = wire.encodeItems(events(n));
    int[] indices = all(n);
    // three of the smallest fit exactly; then one byte short of that, where the third no longer fits
    for (int limit : new int[] {(int) size(items, indices, 0, 3), (int) size(items, indices, 0, 3) - 1}) {
      assertCutWithin(items, indices, n, limit);
    }
  }

  void assertCutWithin(EncodedItems items, int[] indices, int n, int limit) {
    int[] ends = BatchCutter.ends(wire, items, indices, n, limit);
    assertThat(ends).isNotEmpty();
    assertThat(ends[ends.length - 1]).isEqualTo(n);
    int from = 0;
    for (int end : ends) {
      assertThat(end).isGreaterThan(from);
      assertThat(size(items, indices, from, end)).isLessThanOrEqualTo(limit);
      if (end < n) {
        assertThat(size(items, indices, from, end + 1)).as("the next item would not fit").isGreaterThan(limit);
      }
      from = end;
    }
    assertThat(ends.length).isGreaterThan(n / 3);
    // the body the sender builds for a request is exactly the size counted here
    assertThat(wire.body(items, indices, 0, ends[0]).size()).isEqualTo((int) size(items, indices, 0, ends[0]));
  }

  @Test
  void anItemOverTheLimitGoesAloneAndOnlyTheChosenIndicesAreCut() {
    int n = 6;
    EncodedItems items = wire.encodeItems(events(n));
    int[] indices = {0, 2, 5}; // the others were rejected before cutting
    int limit = (int) size(items, indices, 0, 1) + 1; // only item 0 fits; 2 and 5 are larger than it
    assertThat(BatchCutter.ends(wire, items, indices, 3, limit)).containsExactly(1, 2, 3);
    assertThat(BatchCutter.ends(wire, items, new int[] {5, 0}, 2, limit)).as("never an empty request")
        .containsExactly(1, 2);
    assertThat(BatchCutter.ends(wire, items, indices, 3, Integer.MAX_VALUE)).containsExactly(3);
    assertThat(BatchCutter.ends(wire, items, indices, 0, limit)).isEmpty();
  }
}
