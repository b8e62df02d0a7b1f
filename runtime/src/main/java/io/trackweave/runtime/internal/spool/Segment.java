package io.trackweave.runtime.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * One spool segment file, {@code <20-digit sequence>.twspool}: a 16-byte header ({@code TWSP}, format
 * version, the sequence) and then records, each framed as a marker, the payload's length and a CRC32C
 * of length and payload. The marker lets a reader find the next record after a damaged one, or after a
 * damaged header.
 *
 * <p>Every format keeps the first six bytes (magic, then the version as a big-endian short), so a
 * release can always tell a file of a newer format from a damaged one and keep it for that release
 * instead of misreading it. A change to the framing or the header bumps {@link #FORMAT_VERSION}; a
 * change to a record's encoding bumps {@link OperationCodec#VERSION}.
 *
 * <p>Written only by the spool thread; read only by the batching thread; {@link #published} is the
 * hand-over between them (it only ever ends on a record boundary).
 */
final class Segment {
  static final String SUFFIX = ".twspool";
  static final int HEADER_BYTES = 16;
  static final int FORMAT_VERSION = 1;
  static final int MARKER = 0x54575231; // "TWR1"
  static final int FRAME_BYTES = 12;
  static final int MAX_RECORD_BYTES = 1 << 20;
  private static final byte[] MAGIC = {'T', 'W', 'S', 'P'};

  final long sequence;
  final Path path;
  /** Bytes of whole records (plus the header) a reader may read. */
  volatile long published;
  /** No more records will be appended; {@link #published} is final once this is seen true. */
  volatile boolean sealed;
  /** The reader has passed the end of a sealed segment. */
  volatile boolean readDone;
  /** Where the reader is (so the writer can tell when the reader has caught up). */
  volatile long readPosition;
  /** Records decoded by the reader; with {@link #settled} it tells when the file may go. */
  volatile int decoded;
  final AtomicInteger settled = new AtomicInteger();
  /**
   * Not this run's to read (a later release wrote it, or it cannot be opened): never read further,
   * never deleted, not counted against the cap.
   */
  volatile boolean refused;
  /** Bytes on disk (the writer's view, for the cap). */
  long size;
  FileChannel writeChannel;

  Segment(long sequence, Path path) {
    this.sequence = sequence;
    this.path = path;
  }

  static String fileName(long sequence) {
    return String.format("%020d%s", sequence, SUFFIX);
  }

  /** The sequence in a segment's file name, or -1 when it is not one. */
  static long parseSequence(String fileName) {
    if (!fileName.endsWith(SUFFIX) || fileName.length() != 20 + SUFFIX.length()) {
      return -1;
    }
    try {
      return Long.parseLong(fileName.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static byte[] header(long sequence) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.put(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0).putLong(sequence);
    return b.array();
  }

  /** What a segment's header says about the file. */
  enum Header {
    /** This format: read it. */
    VALID,
    /** A later release's format: keep the file for it, read nothing. */
    NEWER,
    /** Not a readable header (damage, or a file cut short): scan for intact records after it. */
    DAMAGED
  }

  /** Classifies the {@link #HEADER_BYTES} at {@code off}. */
  static Header header(byte[] h, int off) {
    int version = headerVersion(h, off);
    if (version == FORMAT_VERSION) {
      return Header.VALID;
    }
    return version > FORMAT_VERSION ? Header.NEWER : Header.DAMAGED;
  }

  /** The format version a header names, or -1 when its magic is damaged. */
  static int headerVersion(byte[] h, int off) {
    if (h[off] != MAGIC[0] || h[off + 1] != MAGIC[1] || h[off + 2] != MAGIC[2] || h[off + 3] != MAGIC[3]) {
      return -1;
    }
    return (h[off + 4] & 0xFF) << 8 | (h[off + 5] & 0xFF);
  }

  /** The CRC32C a frame carries: over its 4 length bytes and the payload (not over the CRC itself). */
  static int checksum(CRC32C crc, byte[] frame, int frameOffset, int payloadLength) {
    crc.reset();
    crc.update(frame, frameOffset + 4, 4);
    crc.update(frame, frameOffset + FRAME_BYTES, payloadLength);
    return (int) crc.getValue();
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static int getInt(byte[] b, int off) {
    return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
  }

  void closeWriter() {
    FileChannel c = writeChannel;
    writeChannel = null;
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing left to do with it
      }
    }
  }

  @Override
  public String toString() {
    return path.getFileName().toString();
  }
}
