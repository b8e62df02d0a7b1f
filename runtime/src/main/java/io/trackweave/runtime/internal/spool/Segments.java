package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spool directory's segment files, oldest first, and the bytes they hold: what an earlier run left
 * ({@link #recover}) and what this run writes. The spool thread adds and deletes segments; the batching
 * thread reads them. A version counter tells the reader whether anything was written since it last
 * caught up (the backlog).
 */
final class Segments {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime.spool");

  private final Path dir;
  private final ConcurrentLinkedDeque<Segment> segments = new ConcurrentLinkedDeque<>();
  private final AtomicLong bytes = new AtomicLong();
  /** Spool thread only, after recovery: whatever holds a segment's name, that name is never created again. */
  private long nextSequence;
  // backlog: records written that the reader has not caught up with
  private final AtomicLong writeVersion = new AtomicLong();
  private volatile long drainedVersion;

  private Segments(Path dir) {
    this.dir = dir;
  }

  /** The segments an earlier run left in {@code dir}, to be replayed first. */
  static Segments recover(Path dir) throws IOException {
    Segments s = new Segments(dir);
    s.recover();
    return s;
  }

  private void recover() throws IOException {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + Segment.SUFFIX)) {
      for (Path p : entries) {
        long seq = Segment.parseSequence(p.getFileName().toString());
        if (seq < 0) {
          continue;
        }
        // whatever holds a segment's name, this process never creates that name again
        nextSequence = Math.max(nextSequence, seq + 1);
        if (replayable(p)) {
          found.add(seq);
        }
      }
    }
    found.sort(null);
    for (long seq : found) {
      Segment s = new Segment(seq, dir.resolve(Segment.fileName(seq)));
      s.size = Files.size(s.path);
      s.published = s.size;
      s.sealed = true;
      add(s);
    }
    if (!found.isEmpty()) {
      published();
      LOG.log(Level.INFO, "Trackweave spool {0}: replaying {1} segment file(s) ({2} bytes) left by an earlier run",
          dir, found.size(), bytes.get());
    }
  }

  /**
   * False (with a warning; the file is left as it is) for what this release must not read: anything
   * that is not a regular file, a file it cannot read, a segment of a newer format. A damaged header is
   * replayable: the reader recovers the records after it.
   */
  private boolean replayable(Path p) {
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      LOG.log(Level.WARNING, "Trackweave spool {0}: {1} is not a regular file (a directory or a link); left alone",
          dir, p.getFileName());
      return false;
    }
    byte[] header;
    try (InputStream in = Files.newInputStream(p)) {
      header = in.readNBytes(Segment.HEADER_BYTES);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Trackweave spool {0}: cannot read {1} ({2}); left alone", dir, p.getFileName(),
          e.toString());
      return false;
    }
    if (header.length >= 6 && Segment.headerVersion(header, 0) > Segment.FORMAT_VERSION) {
      LOG.log(Level.WARNING, "Trackweave spool {0}: {1} was written by a newer Trackweave (segment format {2}; this"
          + " release reads format {3}); it is kept untouched for that release and not replayed", dir,
          p.getFileName(), Segment.headerVersion(header, 0), Segment.FORMAT_VERSION);
      return false;
    }
    return true;
  }

  Path directory() {
    return dir;
  }

  /** Spool thread: the sequence of the next segment file to create. */
  long nextSequence() {
    return nextSequence++;
  }

  /** Spool thread: {@code s} (holding {@code s.size} bytes) goes after every other segment. */
  void add(Segment s) {
    bytes.addAndGet(s.size);
    segments.addLast(s);
  }

  /** Spool thread: {@code n} more bytes were written to a segment. */
  void grew(long n) {
    bytes.addAndGet(n);
  }

  /** Bytes the segments take on disk (the writer's view, for the cap). */
  long bytes() {
    return bytes.get();
  }

  /** Spool thread: records were written (or recovered); the reader has a backlog until it catches up. */
  void published() {
    writeVersion.incrementAndGet();
  }

  /** Batching thread: where the writer stood when the reader began to look; pass to {@link #drained}. */
  long version() {
    return writeVersion.get();
  }

  /** Batching thread: the reader caught up with everything published up to {@code version}. */
  void drained(long version) {
    drainedVersion = version;
  }

  /** True while records were published that the reader has not caught up with. */
  boolean unread() {
    return drainedVersion != writeVersion.get();
  }

  /** The oldest segment the reader has not finished, or null. */
  Segment firstUnread() {
    for (Segment s : segments) {
      if (!s.readDone) {
        return s;
      }
    }
    return null;
  }

  /** The newest segment, or null. */
  Segment last() {
    return segments.peekLast();
  }

  /**
   * Spool thread: deletes, oldest first, every segment that is sealed, read to its end and whose
   * records all settled; forgets (without deleting) those a later release wrote. Never deletes past the
   * reader, nor {@code active}.
   */
  void deleteSettled(Segment active) {
    for (Segment s : segments) {
      if (s.refused && s.readDone) {
        // a later release's file: not this spool's to delete, nor to count against its cap
        segments.remove(s);
        bytes.addAndGet(-s.size);
        continue;
      }
      if (s == active || !s.sealed || !s.readDone || s.settled.get() < s.decoded) {
        if (!s.readDone) {
          break; // keep deletion in order: nothing past the reader
        }
        continue;
      }
      try {
        Files.deleteIfExists(s.path);
        segments.remove(s);
        bytes.addAndGet(-s.size);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Trackweave spool: cannot delete {0}: {1}", s.path, e.toString());
        return;
      }
    }
  }
}
