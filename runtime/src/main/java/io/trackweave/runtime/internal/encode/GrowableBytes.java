package io.trackweave.runtime.internal.encode;

import java.io.OutputStream;
import java.util.Arrays;

/** A reusable, growable byte buffer: the batching thread encodes into one and resets it per batch. */
public final class GrowableBytes extends OutputStream implements OperationEncoder.ByteSink {
  private byte[] buf;
  private int size;

  public GrowableBytes(int initialCapacity) {
    buf = new byte[Math.max(64, initialCapacity)];
  }

  @Override
  public void write(int b) {
    ensure(size + 1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(size + len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  private void ensure(int capacity) {
    if (capacity > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
    }
  }

  public int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()} until the next write. */
  public byte[] array() {
    return buf;
  }

  public void reset() {
    size = 0;
  }

  /** Forgets everything written after {@code newSize}. */
  public void truncate(int newSize) {
    size = Math.min(size, newSize);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
