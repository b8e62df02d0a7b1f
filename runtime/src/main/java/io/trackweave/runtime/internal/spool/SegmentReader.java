package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads records of one segment in order through a chunk buffer, checking each frame's CRC32C. A
 * damaged frame (flipped byte, torn tail, garbage) is skipped by scanning for the next marker whose
 * record checks out; each damaged run counts once. A damaged header starts such a run: the records
 * after it are still read.
 */
final class SegmentReader implements AutoCloseable {
  /** What {@link #next} found. */
  enum Result { RECORD, CAUGHT_UP, END }

  private final Segment segment;
  private final FileChannel channel;
  private final CRC32C crc = new CRC32C();
  private byte[] chunk = new byte[256 * 1024];
  private long chunkStart;
  private int chunkLength;
  private long position;
  private int corrupt;
  /** Bytes are being skipped since the last intact record (or the damaged header). */
  private boolean damaged;
  /** The payload of the last {@link Result#RECORD}: {@link #payload()} from {@link #payloadOffset()}. */
  private int payloadOffset;
  private int payloadLength;

  SegmentReader(Segment segment) throws IOException {
    this.segment = segment;
    this.channel = FileChannel.open(segment.path, StandardOpenOption.READ);
    this.position = Segment.HEADER_BYTES;
  }

  /** Damaged runs met so far (read and reset). */
  int takeCorrupt() {
    int c = corrupt;
    corrupt = 0;
    return c;
  }

  long position() {
    return position;
  }

  byte[] payload() {
    return chunk;
  }

  int payloadOffset() {
    return payloadOffset;
  }

  int payloadLength() {
    return payloadLength;
  }

  /**
   * Reads the header. {@link Segment.Header#DAMAGED} (damaged, or the file is shorter than a header)
   * opens a damaged run that the next intact record, or the end, closes and counts;
   * {@link Segment.Header#NEWER} means nothing in the file may be read.
   */
  Segment.Header checkHeader() throws IOException {
    boolean sealed = segment.sealed;
    long limit = segment.published;
    if (limit < Segment.HEADER_BYTES && !sealed) {
      return Segment.Header.VALID; // not written yet (cannot happen for this process's own segments)
    }
    Segment.Header h = limit >= Segment.HEADER_BYTES && fill(0, Segment.HEADER_BYTES, limit)
        ? Segment.header(chunk, 0)
        : Segment.Header.DAMAGED;
    if (h == Segment.Header.DAMAGED) {
      damaged = true;
    }
    return h;
  }

  /** Moves to the next intact record. */
  Result next() throws IOException {
    while (true) {
      boolean sealed = segment.sealed; // read before published: once sealed, published is final
      long limit = segment.published;
      if (position + Segment.FRAME_BYTES > limit) {
        if (!sealed) {
          if (damaged) {
            corrupt++;
            damaged = false;
          }
          return Result.CAUGHT_UP;
        }
        if (position < limit || damaged) {
          corrupt++; // a torn tail
          damaged = false;
        }
        position = Math.max(position, limit);
        return Result.END;
      }
      if (!fill(position, Segment.FRAME_BYTES, limit)) {
        return Result.CAUGHT_UP;
      }
      int at = (int) (position - chunkStart);
      int marker = Segment.getInt(chunk, at);
      int length = Segment.getInt(chunk, at + 4);
      int sum = Segment.getInt(chunk, at + 8);
      if (marker != Segment.MARKER || length < 0 || length > Segment.MAX_RECORD_BYTES) {
        damaged = true;
        position++;
        continue;
      }
      if (position + Segment.FRAME_BYTES + length > limit) {
        if (!sealed) {
          // cannot happen for this process's own writes; for safety treat as not yet readable
          return Result.CAUGHT_UP;
        }
        damaged = true;
        position++;
        continue;
      }
      if (!fill(position, Segment.FRAME_BYTES + length, limit)) {
        return Result.CAUGHT_UP;
      }
      at = (int) (position - chunkStart);
      if (Segment.checksum(crc, chunk, at, length) != sum) {
        damaged = true;
        position++;
        continue;
      }
      if (damaged) {
        corrupt++;
        damaged = false;
      }
      payloadOffset = at + Segment.FRAME_BYTES;
      payloadLength = length;
      position += Segment.FRAME_BYTES + length;
      return Result.RECORD;
    }
  }

  /** Makes [from, from + n) available in the chunk; false when the file is shorter than the limit said. */
  private boolean fill(long from, int n, long limit) throws IOException {
    if (from >= chunkStart && from + n <= chunkStart + chunkLength) {
      return true;
    }
    if (n > chunk.length) {
      chunk = new byte[Math.max(n, chunk.length * 2)];
    }
    int want = (int) Math.min(chunk.length, limit - from);
    if (want < n) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(chunk, 0, want);
    long at = from;
    while (b.hasRemaining()) {
      int r = channel.read(b, at);
      if (r < 0) {
        break;
      }
      at += r;
    }
    chunkStart = from;
    chunkLength = b.position();
    return chunkLength >= n;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // read-only: nothing lost
    }
  }
}
