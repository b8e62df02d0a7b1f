package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.internal.encode.EncodedItems;
import io.trackweave.runtime.internal.encode.WireFormat;
import java.util.Arrays;

/**
 * Cuts a batch's encoded items into requests whose bodies stay within {@code batch.max.bytes}
 * (Customer.io refuses a larger batch with a 413), in order; an item alone in its request may pass
 * the limit, since nothing smaller can carry it.
 */
final class BatchCutter {
  private BatchCutter() {}

  /**
   * Where each request ends, in {@code indices[0..n)}: the first request is {@code [0, ends[0])}, the
   * next {@code [ends[0], ends[1])}, and so on; the last end is {@code n} (no ends when {@code n} is 0).
   */
  static int[] ends(WireFormat wire, EncodedItems items, int[] indices, int n, int limit) {
    int[] ends = new int[n];
    int count = 0;
    int from = 0;
    long size = wire.bodyOverhead();
    for (int k = 0; k < n; k++) {
      int len = items.length(indices[k]);
      if (k > from && size + 1 + len > limit) {
        ends[count++] = k;
        from = k;
        size = wire.bodyOverhead();
      }
      size += len + (k > from ? 1 : 0); // a comma joins the items
    }
    if (from < n) {
      ends[count++] = n;
    }
    return Arrays.copyOf(ends, count);
  }
}
