package io.trackweave.runtime.internal.encode;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Gzip (RFC 1952) with one reused {@link Deflater} and output buffer per sender thread, so compressing
 * a batch allocates nothing. Level 1: Track API bodies are repetitive JSON, and speed matters more.
 */
public final class Gzip {
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
  private final CRC32 crc = new CRC32();
  private final byte[] chunk = new byte[16 * 1024];
  private final GrowableBytes out;
  private long inputBytes;

  public Gzip(int initialCapacity) {
    this.out = new GrowableBytes(initialCapacity);
  }

  /** Starts a new member; the previous result is discarded. */
  public Gzip begin() {
    deflater.reset();
    crc.reset();
    out.reset();
    out.write(HEADER);
    inputBytes = 0;
    return this;
  }

  public Gzip write(byte[] b, int off, int len) {
    if (len == 0) {
      return this;
    }
    crc.update(b, off, len);
    inputBytes += len;
    deflater.setInput(b, off, len);
    while (!deflater.needsInput()) {
      int n = deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
      out.write(chunk, 0, n);
    }
    return this;
  }

  public Gzip write(byte[] b) {
    return write(b, 0, b.length);
  }

  /** Finishes the member; the result is {@link #result()} until the next {@link #begin()}. */
  public GrowableBytes finish() {
    deflater.finish();
    while (!deflater.finished()) {
      int n = deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
      out.write(chunk, 0, n);
    }
    int c = (int) crc.getValue();
    int isize = (int) inputBytes;
    out.write(c & 0xff);
    out.write((c >>> 8) & 0xff);
    out.write((c >>> 16) & 0xff);
    out.write((c >>> 24) & 0xff);
    out.write(isize & 0xff);
    out.write((isize >>> 8) & 0xff);
    out.write((isize >>> 16) & 0xff);
    out.write((isize >>> 24) & 0xff);
    return out;
  }

  public GrowableBytes result() {
    return out;
  }

  public void close() {
    deflater.end();
  }
}
