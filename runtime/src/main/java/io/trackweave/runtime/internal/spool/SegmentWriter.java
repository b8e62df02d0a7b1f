package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * Writes operations as records into segment files: encodes and frames each one (marker, length,
 * CRC32C), buffers them, writes them to the active segment and publishes them to the reader, fsyncs per
 * {@link FsyncPolicy}, and rolls to a new segment by size. Within {@code spool.max.bytes} only: beyond
 * it a call is dropped ({@code spool_full}). A write, fsync or new file that fails goes to
 * {@link WriteFailures}; the segment it failed on is cut back to its last record and sealed.
 *
 * <p>Spool thread only, except {@link #written()}.
 */
final class SegmentWriter {
  /** How long the spool thread sleeps when idle and no fsync is due. */
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final Segments segments;
  private final Ledger ledger;
  private final long maxBytes;
  private final long segmentBytes;
  private final FsyncPolicy fsync;
  private final long fsyncIntervalNanos;
  private final LongSupplier nanoClock;
  private final SegmentFiles files;
  private final WriteFailures writeFailures;
  private final OperationCodec codec = new OperationCodec();
  private final CRC32C crc = new CRC32C();
  private final LongAdder written = new LongAdder();
  private Segment active;
  private byte[] writeBuffer = new byte[256 * 1024];
  private int writeLength;
  /** Records in {@link #writeBuffer}: what a failed write loses. */
  private int bufferedRecords;
  private boolean dirty;
  private long lastSync;

  SegmentWriter(Segments segments, Ledger ledger, long maxBytes, FsyncPolicy fsync, long fsyncIntervalNanos,
      LongSupplier nanoClock, SegmentFiles files) {
    this.segments = segments;
    this.ledger = ledger;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(64 * 1024, Math.min(64L * 1024 * 1024, maxBytes / 8));
    this.fsync = fsync;
    this.fsyncIntervalNanos = fsyncIntervalNanos;
    this.nanoClock = nanoClock;
    this.files = files;
    this.lastSync = nanoClock.getAsLong();
    this.writeFailures = new WriteFailures(segments.directory(), ledger, nanoClock);
  }

  FsyncPolicy fsync() {
    return fsync;
  }

  /** The segment being written, or null. */
  Segment active() {
    return active;
  }

  /** Records written since open (any thread). */
  long written() {
    return written.sum();
  }

  /** True when {@code spool.fsync=interval} and the interval has passed since the last fsync. */
  boolean syncDue() {
    return fsync == FsyncPolicy.INTERVAL && nanoClock.getAsLong() - lastSync >= fsyncIntervalNanos;
  }

  /** How long the spool thread may sleep when idle: until the next fsync is due, if one is pending. */
  long idleNanos() {
    return fsync == FsyncPolicy.INTERVAL && dirty ? fsyncIntervalNanos : IDLE_NANOS;
  }

  /** Encodes {@code op} into the buffer (writing the buffer out first when it is full); drops it, counted, when it cannot. */
  void append(Operation op) {
    try {
      codec.encode(op);
    } catch (RuntimeException e) {
      ledger.droppedBySpool("spool_unencodable", 1);
      return;
    }
    int len = codec.length();
    if (len > Segment.MAX_RECORD_BYTES) {
      ledger.droppedBySpool("spool_record_too_large", 1);
      return;
    }
    int record = Segment.FRAME_BYTES + len;
    if (writeLength + record > writeBuffer.length) {
      writeOut(false);
      if (record > writeBuffer.length) {
        writeBuffer = new byte[record];
      }
    }
    if (writeFailures.pausing()) {
      writeFailures.drop(1); // the disk failed a moment ago: do not hammer it with every call
      return;
    }
    boolean roll = active == null || active.size + writeLength + record > segmentBytes;
    long needed = record + (roll ? Segment.HEADER_BYTES : 0);
    if (segments.bytes() + writeLength + needed > maxBytes) {
      ledger.droppedBySpool("spool_full", 1);
      return;
    }
    if (roll && !roll()) {
      return; // counted: the call it was for is dropped
    }
    byte[] b = writeBuffer;
    int at = writeLength;
    Segment.putInt(b, at, Segment.MARKER);
    Segment.putInt(b, at + 4, len);
    System.arraycopy(codec.bytes(), 0, b, at + Segment.FRAME_BYTES, len);
    Segment.putInt(b, at + 8, Segment.checksum(crc, b, at, len));
    writeLength += record;
    bufferedRecords++;
  }

  /** Writes out and publishes what is buffered; fsyncs too when {@code sync} (unless {@code spool.fsync=never}). */
  void publish(boolean sync) {
    writeOut(sync && fsync != FsyncPolicy.NEVER);
  }

  /**
   * Seals the active segment and starts the next for the call being appended; false when the new
   * file fails (that call is then dropped, counted and logged).
   */
  private boolean roll() {
    writeOut(fsync != FsyncPolicy.NEVER);
    if (active != null) {
      active.closeWriter();
      active.sealed = true;
      active = null;
    }
    long seq = segments.nextSequence();
    Path path = segments.directory().resolve(Segment.fileName(seq));
    byte[] header = Segment.header(seq);
    FileChannel channel = null;
    try {
      channel = files.create(path);
      writeFully(channel, header, header.length);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // deleted next
        }
        try {
          Files.deleteIfExists(path); // a header cut short would read as a damaged segment later
        } catch (IOException ignored) {
          // then the next run counts it as one damaged run
        }
      }
      writeFailures.failed("creating " + path.getFileName(), e, 1);
      return false;
    }
    Segment s = new Segment(seq, path);
    s.writeChannel = channel;
    s.size = header.length;
    s.published = header.length;
    segments.add(s);
    active = s;
    return true;
  }

  /** Writes the buffered records to the active segment, publishes them, and fsyncs when asked. */
  private void writeOut(boolean sync) {
    Segment s = active;
    if (writeLength > 0) {
      try {
        writeFully(s.writeChannel, writeBuffer, writeLength);
      } catch (IOException | RuntimeException e) {
        int lost = bufferedRecords;
        writeLength = 0;
        bufferedRecords = 0;
        abandon(s);
        writeFailures.failed("writing " + s, e, lost);
        return;
      }
      s.size += writeLength;
      segments.grew(writeLength);
      written.add(bufferedRecords);
      writeLength = 0;
      bufferedRecords = 0;
      s.published = s.size;
      segments.published();
      dirty = true;
      writeFailures.succeeded();
    }
    if (sync && dirty && s != null && s.writeChannel != null) {
      try {
        s.writeChannel.force(false);
      } catch (IOException | RuntimeException e) {
        // what was written stays readable by this process; only its survival of an OS crash is in doubt,
        // so nothing is dropped. A fresh file for what follows: after a failed fsync, a later fsync of the
        // same file may succeed without the earlier pages having reached the disk.
        abandon(s);
        writeFailures.syncFailed(s, e);
        return;
      } finally {
        lastSync = nanoClock.getAsLong();
      }
      dirty = false;
    }
  }

  /**
   * Stops writing to {@code s} after a failed write: cuts off whatever part of the write reached the
   * file (so it ends on its last published record) and seals it. The next record starts a new segment.
   */
  private void abandon(Segment s) {
    FileChannel c = s.writeChannel;
    if (c != null) {
      try {
        c.truncate(s.size);
      } catch (IOException | RuntimeException ignored) {
        // this run reads only up to published; the next run counts the cut-off write as one damaged run
      }
    }
    s.closeWriter();
    s.sealed = true;
    if (active == s) {
      active = null;
    }
    dirty = false;
  }

  private static void writeFully(FileChannel channel, byte[] b, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(b, 0, len);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** Seals the active segment once the reader has read all of it, so it can be deleted when settled. */
  void sealIfCaughtUp() {
    Segment s = active;
    if (s != null && writeLength == 0 && s.size > Segment.HEADER_BYTES && s.readPosition >= s.published) {
      writeOut(fsync != FsyncPolicy.NEVER);
      s.closeWriter();
      s.sealed = true;
      active = null;
      dirty = false;
    }
  }

  /** The spool thread is ending: closes the active segment's file (what is buffered was written out). */
  void closeActive() {
    if (active != null) {
      active.closeWriter();
    }
  }
}
