package io.trackweave.runtime.internal.encode;

/**
 * The v2 batch items of some operations, each encoded once into one shared buffer: item {@code i} is
 * {@code length(i)} bytes at {@code start(i)}, or {@code length(i) == -1} when it could not be encoded.
 * Bodies are then assembled from slices, so a 413 split never re-encodes.
 */
public final class EncodedItems {
  private final GrowableBytes buffer;
  private int[] starts = new int[256];
  private int[] lengths = new int[256];
  private int count;

  EncodedItems(GrowableBytes buffer) {
    this.buffer = buffer;
  }

  void clear() {
    count = 0;
  }

  void add(int start, int length) {
    if (count == starts.length) {
      starts = java.util.Arrays.copyOf(starts, count * 2);
      lengths = java.util.Arrays.copyOf(lengths, count * 2);
    }
    starts[count] = start;
    lengths[count] = length;
    count++;
  }

  public int count() {
    return count;
  }

  public int start(int i) {
    return starts[i];
  }

  public int length(int i) {
    return lengths[i];
  }

  public byte[] buffer() {
    return buffer.array();
  }
}
