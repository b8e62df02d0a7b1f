package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.internal.capture.Operation;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.queue.Overflow;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The disk spool: an {@link Overflow} that appends operations to checksummed segment files and replays
 * them, in the order they were spilled, once Customer.io answers again, including after a restart.
 *
 * <p>Threads: callers hand operations over through a bounded lock-free queue (no I/O, no blocking); one
 * daemon thread, {@code trackweave-spool}, encodes and writes them, fsyncs per {@link FsyncPolicy},
 * rolls segments by size and deletes a segment once every record in it has settled; the batching
 * thread reads records back ({@link #replay}). A record is deleted only after the operation read from
 * it settled, so a crash while replaying replays it again (same event id: Customer.io drops the
 * duplicate).
 *
 * <p>Bounds: the hand-off holds at most {@value #HANDOFF_MAX_OPERATIONS} operations or {@value
 * #HANDOFF_MAX_BYTES} estimated bytes; the files at most {@code spool.max.bytes}; beyond that calls are
 * dropped and counted ({@code spool_full}). A lock file keeps a second process out of the directory.
 *
 * <p>Failures: a write, fsync or new segment that fails (a full disk) drops the calls it held, counted
 * as {@code spool_write_failed} and logged once per outage (then at most every 30 s, and once when
 * writing works again); the thread lives on and retries with later calls every second. A damaged
 * segment loses only its damaged bytes; a segment of a newer format (written by a later release) is
 * kept untouched for that release; anything in the directory that is not a regular file is left alone.
 */
public final class DiskSpool implements Overflow, Ledger.SpoolGauge {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime.spool");
  static final int HANDOFF_MAX_OPERATIONS = 65_536;
  static final long HANDOFF_MAX_BYTES = 16L * 1024 * 1024;
  private static final String LOCK_FILE = "spool.lock";
  private static final long UNDELIVERABLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  /** How long close waits for the spool thread when the runtime gave no deadline. */
  private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** Creates a new segment file for writing: the one seam between the spool thread and the file system. */
  @FunctionalInterface
  interface SegmentFiles {
    FileChannel create(Path path) throws IOException;
  }

  static final SegmentFiles REAL_FILES = path ->
      FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file(path));

  private final Path dir;
  private final SpoolLock lock;
  private final Ledger ledger;
  private final long maxBytes;
  private final long segmentBytes;
  private final FsyncPolicy fsync;
  private final long fsyncIntervalNanos;
  private final LongSupplier nanoClock;
  private final SegmentFiles files;

  // hand-off (callers and senders -> spool thread)
  private final ConcurrentLinkedQueue<Object> handoff = new ConcurrentLinkedQueue<>();
  private final AtomicInteger handoffOperations = new AtomicInteger();
  private final AtomicLong handoffBytes = new AtomicLong();

  // segments, oldest first: the spool thread adds and deletes, the batching thread reads
  private final ConcurrentLinkedDeque<Segment> segments = new ConcurrentLinkedDeque<>();
  private final AtomicLong diskBytes = new AtomicLong();
  private long nextSequence;
  private Segment active;

  // backlog: records written that the reader has not caught up with
  private final AtomicLong writeVersion = new AtomicLong();
  private volatile long drainedVersion;

  // replay (batching thread)
  private SegmentReader reader;
  private Segment readerSegment;
  private volatile Operation heldBack;
  private long readOrder;
  /** Replayed operations delivery bounced, by read order: replayed again before anything unread. */
  private final ConcurrentSkipListMap<Long, Operation> requeue = new ConcurrentSkipListMap<>();

  // circuit: after a hand-over from a sender, pause replay, then probe with one batch
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ReplayCircuit circuit;

  private final LongAdder replayed = new LongAdder();
  private final LongAdder corruptSkipped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private volatile boolean closing;
  private volatile boolean closed;
  /** The runtime's close deadline (nanoTime) once it is closing; no wait in here outlasts it. */
  private volatile long shutdownDeadline;
  private volatile boolean shutdownDeadlineSet;
  private final AtomicBoolean lockReleased = new AtomicBoolean();
  private final Thread thread;
  private final OperationCodec codec = new OperationCodec();
  private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
  private byte[] writeBuffer = new byte[256 * 1024];
  private int writeLength;
  /** Records in {@link #writeBuffer}: what a failed write loses. */
  private int bufferedRecords;
  private boolean dirty;
  private long lastSync;

  private final WriteFailures writeFailures;

  private DiskSpool(Path dir, SpoolLock lock, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName, LongSupplier nanoClock,
      SegmentFiles files) throws IOException {
    this.dir = dir;
    this.lock = lock;
    this.ledger = ledger;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(64 * 1024, Math.min(64L * 1024 * 1024, maxBytes / 8));
    this.fsync = fsync;
    this.fsyncIntervalNanos = fsyncInterval.toNanos();
    this.nanoClock = nanoClock;
    this.files = files;
    this.circuit = new ReplayCircuit(nanoClock, probeOperations, cooldownInitial.toNanos(), cooldownMax.toNanos());
    this.lastSync = nanoClock.getAsLong();
    this.writeFailures = new WriteFailures(dir, ledger, nanoClock);
    recover();
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Opens (creating it) and locks the spool directory the config names (or the per-site default),
   * and starts the spool thread. Segments left by an earlier process are replayed first.
   *
   * @throws IOException when the directory cannot be created or another process holds it
   */
  public static DiskSpool open(TrackweaveConfig config, Ledger ledger) throws IOException {
    return open(config, ledger, System::nanoTime);
  }

  /**
   * As {@link #open(TrackweaveConfig, Ledger)}, with the runtime's {@link System#nanoTime()}-like clock
   * for the spool's timing (replay pauses, fsync interval, write retries, the {@link #shutdownBy} deadline).
   */
  public static DiskSpool open(TrackweaveConfig config, Ledger ledger, LongSupplier nanoClock) throws IOException {
    Path dir = config.spoolDir() != null ? config.spoolDir() : SpoolDirectory.defaultFor(config.account(), config.baseUrl());
    String suffix = config.name().equals("default") ? "" : "-" + config.name();
    return open(dir, ledger, config.spoolMaxBytes(), config.spoolFsync(), config.spoolFsyncInterval(),
        config.batchMaxOperations(), config.retryInitialBackoff(), config.retryMaxBackoff(),
        "trackweave-spool" + suffix, nanoClock);
  }

  /** Opens a spool with explicit settings (tests, tools). */
  public static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName) throws IOException {
    return open(dir, ledger, maxBytes, fsync, fsyncInterval, probeOperations, cooldownInitial, cooldownMax, threadName,
        System::nanoTime);
  }

  /**
   * Opens a spool with explicit settings whose timing (replay pauses, fsync interval, retries after a
   * failed write, the close deadline given to {@link #shutdownBy}) follows {@code nanoClock}, a
   * {@link System#nanoTime()}-like clock.
   */
  public static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName, LongSupplier nanoClock)
      throws IOException {
    return open(dir, ledger, maxBytes, fsync, fsyncInterval, probeOperations, cooldownInitial, cooldownMax, threadName,
        nanoClock, REAL_FILES);
  }

  static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync, Duration fsyncInterval,
      int probeOperations, Duration cooldownInitial, Duration cooldownMax, String threadName, LongSupplier nanoClock,
      SegmentFiles files) throws IOException {
    OwnerOnly.createDirectories(dir);
    SpoolLock lock = SpoolLock.acquire(dir.resolve(LOCK_FILE));
    try {
      return new DiskSpool(dir, lock, ledger, maxBytes, fsync, fsyncInterval, probeOperations, cooldownInitial,
          cooldownMax, threadName, nanoClock, files);
    } catch (IOException | RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  public Path directory() {
    return dir;
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
      segments.addLast(s);
      diskBytes.addAndGet(s.size);
    }
    if (!found.isEmpty()) {
      writeVersion.incrementAndGet();
      LOG.log(Level.INFO, "Trackweave spool {0}: replaying {1} segment file(s) ({2} bytes) left by an earlier run",
          dir, found.size(), diskBytes.get());
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

  // ---- Overflow: hand-over (callers, senders) ----

  @Override
  public boolean offerWhenFull(Operation op) {
    if (closing) {
      return false;
    }
    if (diskBytes.get() >= maxBytes) {
      // taken and dropped here, counted once: the caller counts it as spilled, the ledger as dropped
      ledger.droppedBySpool("spool_full", 1);
      return true;
    }
    long size = op.estimatedBytes() + 64L;
    if (handoffOperations.incrementAndGet() > HANDOFF_MAX_OPERATIONS) {
      handoffOperations.decrementAndGet();
      return false;
    }
    if (handoffBytes.addAndGet(size) > HANDOFF_MAX_BYTES) {
      handoffBytes.addAndGet(-size);
      handoffOperations.decrementAndGet();
      return false;
    }
    handoff.offer(op);
    LockSupport.unpark(thread);
    return true;
  }

  @Override
  public boolean offerUndeliverable(List<Operation> ops) {
    if (closing) {
      return false;
    }
    boolean replayedOnes = false;
    boolean fresh = false;
    for (Operation op : ops) {
      if (op.receipt() instanceof Receipt r && r.spool() == this) {
        // read from the spool: its record stays; it goes back ahead of everything unread, in order
        r.bounced = true;
        replayedOnes = true;
        continue;
      }
      fresh = true;
      handoffOperations.incrementAndGet();
      handoffBytes.addAndGet(op.estimatedBytes() + 64L);
      handoff.offer(op);
    }
    circuit.trip(replayedOnes);
    if (fresh) {
      Barrier barrier = new Barrier(fsync == FsyncPolicy.ALWAYS);
      handoff.offer(barrier);
      LockSupport.unpark(thread);
      // backpressure and durability for the sender: return once written (and synced with ALWAYS), but
      // never past the runtime's close deadline; the operations are the spool's either way
      barrier.await(boundedByShutdown(UNDELIVERABLE_WAIT_NANOS));
    }
    return true;
  }

  @Override
  public void holdReplay(long nanos) {
    circuit.hold(nanos);
  }

  @Override
  public void shutdownBy(long deadlineNanos) {
    shutdownDeadline = deadlineNanos;
    shutdownDeadlineSet = true;
  }

  /** {@code nanos}, or less when the runtime's close deadline comes sooner. */
  private long boundedByShutdown(long nanos) {
    if (!shutdownDeadlineSet) {
      return nanos;
    }
    return Math.max(0, Math.min(nanos, shutdownDeadline - nanoClock.getAsLong()));
  }

  @Override
  public boolean backlogged() {
    return handoffOperations.get() > 0 || drainedVersion != writeVersion.get() || !requeue.isEmpty();
  }

  @Override
  public boolean persist(long timeoutNanos) {
    if (closed || !thread.isAlive()) {
      return true;
    }
    Barrier barrier = new Barrier(fsync == FsyncPolicy.ALWAYS);
    handoff.offer(barrier);
    LockSupport.unpark(thread);
    return barrier.await(timeoutNanos);
  }

  // ---- Overflow: replay (batching thread) ----

  @Override
  public int replay(Predicate<Operation> into) {
    if (closing) {
      return 0;
    }
    int limit = circuit.permits(inFlight.get());
    if (limit == 0) {
      return 0;
    }
    int n = 0;
    try {
      Map.Entry<Long, Operation> again;
      while (n < limit && (again = requeue.pollFirstEntry()) != null) {
        Operation op = again.getValue();
        inFlight.incrementAndGet();
        if (!into.test(op)) {
          inFlight.decrementAndGet();
          requeue.put(again.getKey(), op);
          replayed.add(n);
          return n;
        }
        n++;
      }
      if (heldBack != null && n < limit) {
        inFlight.incrementAndGet();
        if (!into.test(heldBack)) {
          inFlight.decrementAndGet();
          replayed.add(n);
          return n;
        }
        heldBack = null;
        n++;
      }
      while (n < limit && heldBack == null) {
        Operation op = read();
        if (op == null) {
          break;
        }
        inFlight.incrementAndGet();
        if (!into.test(op)) {
          inFlight.decrementAndGet();
          heldBack = op;
          break;
        }
        n++;
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Trackweave spool: reading {0} failed: {1}", dir, e.toString());
      closeReader();
    }
    replayed.add(n);
    return n;
  }

  /** The next record as an operation (in flight from now on), or null when caught up. */
  private Operation read() throws IOException {
    long version = writeVersion.get();
    while (true) {
      if (reader == null) {
        Segment s = firstUnread();
        if (s == null) {
          drainedVersion = version;
          return null;
        }
        readerSegment = s;
        try {
          reader = new SegmentReader(s);
        } catch (NoSuchFileException e) {
          // deleted behind the spool's back (a temporary-directory cleaner): its calls are gone, say so
          LOG.log(Level.WARNING, "Trackweave spool {0}: {1} ({2} bytes) was deleted by something else; the calls"
              + " in it are lost (counted as one spool_corrupt run)", dir, s, s.size);
          corruptSkipped.increment();
          ledger.droppedBySpool("spool_corrupt", 1);
          finishSegment();
          continue;
        } catch (IOException e) {
          // unreadable now (permissions changed?): keep it for the next run rather than retry it forever
          s.refused = true;
          LOG.log(Level.WARNING, "Trackweave spool {0}: cannot read {1} ({2}); it is left on disk for the next"
              + " run and not replayed now", dir, s, e.toString());
          finishSegment();
          continue;
        }
        Segment.Header header = reader.checkHeader();
        if (header == Segment.Header.NEWER) {
          refuse("a header of a newer segment format"); // recovery keeps these out; the file changed since
          continue;
        }
        if (header == Segment.Header.DAMAGED) {
          LOG.log(Level.WARNING, "Trackweave spool {0}: {1} has a damaged header; replaying the intact records"
              + " after it", dir, s);
        }
      }
      SegmentReader.Result r = reader.next();
      readerSegment.readPosition = reader.position();
      corrupt(reader.takeCorrupt());
      if (r == SegmentReader.Result.END) {
        finishSegment();
        continue;
      }
      if (r == SegmentReader.Result.CAUGHT_UP) {
        if (segments.peekLast() == readerSegment) {
          drainedVersion = version;
        }
        return null;
      }
      Receipt receipt = new Receipt(readerSegment, readOrder++);
      Operation op;
      try {
        op = OperationCodec.decode(reader.payload(), reader.payloadOffset(), reader.payloadLength(), receipt);
      } catch (OperationCodec.Malformed e) {
        if (e.newerVersion() > 0) {
          refuse("records of version " + e.newerVersion() + " (this release reads " + OperationCodec.VERSION + ")");
        } else {
          corrupt(1);
        }
        continue;
      }
      receipt.operation = op;
      readerSegment.decoded++;
      return op;
    }
  }

  private Segment firstUnread() {
    for (Segment s : segments) {
      if (!s.readDone) {
        return s;
      }
    }
    return null;
  }

  /**
   * Stops reading the current segment, which a newer release wrote, and keeps its file for that
   * release. What was read from it before is replayed now and again by that release (same event ids).
   */
  private void refuse(String what) {
    Segment s = readerSegment;
    s.refused = true;
    LOG.log(Level.WARNING, "Trackweave spool {0}: {1} holds {2}, written by a newer Trackweave; it is kept"
        + " untouched for that release and not replayed", dir, s, what);
    finishSegment();
  }

  private void finishSegment() {
    readerSegment.readDone = true;
    closeReader();
    LockSupport.unpark(thread); // it may be deletable now
  }

  private void closeReader() {
    if (reader != null) {
      reader.close();
    }
    reader = null;
    readerSegment = null;
  }

  private void corrupt(int runs) {
    if (runs > 0) {
      corruptSkipped.add(runs);
      ledger.droppedBySpool("spool_corrupt", runs);
      LOG.log(Level.WARNING, "Trackweave spool {0}: skipped {1} torn or corrupt record(s) (checksum)", dir, runs);
    }
  }

  /** Settles one replayed record, or puts its operation back in line when delivery bounced it. */
  final class Receipt implements Operation.Receipt {
    private final Segment segment;
    private final long order;
    /** Set by a sender's hand-back just before it releases the operation. */
    volatile boolean bounced;
    private Operation operation;

    Receipt(Segment segment, long order) {
      this.segment = segment;
      this.order = order;
    }

    DiskSpool spool() {
      return DiskSpool.this;
    }

    @Override
    public void settled() {
      inFlight.decrementAndGet();
      if (bounced) {
        bounced = false;
        Operation op = operation;
        if (op != null && !closing) {
          requeue.put(order, op);
          return;
        }
        return; // closing: the record stays on disk and is replayed by the next run
      }
      operation = null;
      circuit.settled(); // Customer.io answered: replay at full speed again
      segment.settled.incrementAndGet();
      if (segment.readDone) {
        LockSupport.unpark(thread);
      }
    }
  }

  // ---- the spool thread ----

  private static final class Barrier {
    final boolean sync;
    final CountDownLatch done = new CountDownLatch(1);

    Barrier(boolean sync) {
      this.sync = sync;
    }

    boolean await(long nanos) {
      try {
        return done.await(nanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private void run() {
    List<Barrier> barriers = new ArrayList<>();
    try {
      while (true) {
        boolean stop = closing;
        Object item;
        int n = 0;
        while ((item = handoff.poll()) != null) {
          if (item instanceof Barrier b) {
            barriers.add(b);
            continue;
          }
          Operation op = (Operation) item;
          handoffOperations.decrementAndGet();
          handoffBytes.addAndGet(-(op.estimatedBytes() + 64L));
          append(op);
          if (++n >= 4096) {
            break; // publish now and then, so replay can start while a flood is still arriving
          }
        }
        boolean syncNow = stop
            || (fsync == FsyncPolicy.INTERVAL && nanoClock.getAsLong() - lastSync >= fsyncIntervalNanos);
        for (Barrier b : barriers) {
          syncNow |= b.sync;
        }
        writeOut(syncNow && fsync != FsyncPolicy.NEVER || stop && fsync != FsyncPolicy.NEVER);
        for (Barrier b : barriers) {
          b.done.countDown();
        }
        barriers.clear();
        deleteSettled();
        if (stop && handoff.isEmpty()) {
          return;
        }
        if (n == 0 && handoff.isEmpty()) {
          sealIfCaughtUp();
          long park = fsync == FsyncPolicy.INTERVAL && dirty ? fsyncIntervalNanos : TimeUnit.MILLISECONDS.toNanos(200);
          LockSupport.parkNanos(this, park);
        }
      }
    } catch (Throwable t) {
      LOG.log(Level.ERROR, "Trackweave spool thread failed; spilling stops", t);
      closing = true;
    } finally {
      for (Barrier b : barriers) {
        b.done.countDown();
      }
      Object item;
      int lost = 0;
      while ((item = handoff.poll()) != null) {
        if (item instanceof Barrier b) {
          b.done.countDown();
        } else {
          lost++;
        }
      }
      if (lost > 0) {
        ledger.droppedBySpool("spool_closed", lost);
      }
      if (active != null) {
        active.closeWriter();
      }
      if (closed) {
        releaseLock(); // close stopped waiting for this thread: the lock goes only now that it has written
      }
    }
  }

  private void append(Operation op) {
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
    if (diskBytes.get() + writeLength + needed > maxBytes) {
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
    long seq = nextSequence++;
    Path path = dir.resolve(Segment.fileName(seq));
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
    diskBytes.addAndGet(header.length);
    segments.addLast(s);
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
      diskBytes.addAndGet(writeLength);
      written.add(bufferedRecords);
      writeLength = 0;
      bufferedRecords = 0;
      s.published = s.size;
      writeVersion.incrementAndGet();
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
  private void sealIfCaughtUp() {
    Segment s = active;
    if (s != null && writeLength == 0 && s.size > Segment.HEADER_BYTES && s.readPosition >= s.published) {
      writeOut(fsync != FsyncPolicy.NEVER);
      s.closeWriter();
      s.sealed = true;
      active = null;
      dirty = false;
    }
  }

  private void deleteSettled() {
    for (Segment s : segments) {
      if (s.refused && s.readDone) {
        // a later release's file: not this spool's to delete, nor to count against its cap
        segments.remove(s);
        diskBytes.addAndGet(-s.size);
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
        diskBytes.addAndGet(-s.size);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Trackweave spool: cannot delete {0}: {1}", s.path, e.toString());
        return;
      }
    }
  }

  // ---- lifecycle and gauges ----

  /**
   * Writes what was handed over, fsyncs (unless {@code never}), closes the files and releases the lock.
   * Waits for the spool thread until the {@link #shutdownBy} deadline (10 s without one). The lock is
   * released only once that thread has ended: if it is still writing at the deadline, it releases the
   * lock itself when done, so another process never opens files still being written.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closing = true;
    LockSupport.unpark(thread);
    long nanos = boundedByShutdown(CLOSE_WAIT_NANOS);
    if (nanos > 0) {
      try {
        thread.join(TimeUnit.NANOSECONDS.toMillis(nanos), (int) (nanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closed = true;
    closeReader();
    if (!thread.isAlive()) {
      releaseLock();
    }
  }

  private void releaseLock() {
    if (lockReleased.compareAndSet(false, true)) {
      lock.release();
    }
  }

  /** True once the directory's lock is released (tests). */
  boolean lockReleased() {
    return lockReleased.get();
  }

  @Override
  public long replayed() {
    return replayed.sum();
  }

  @Override
  public long corruptSkipped() {
    return corruptSkipped.sum();
  }

  @Override
  public long bytes() {
    return diskBytes.get();
  }

  /** Records written since open. */
  public long written() {
    return written.sum();
  }

  /** True when nothing is waiting in the hand-off or on disk unread, and nothing replayed is unsettled. */
  public boolean isEmpty() {
    return !backlogged() && inFlight.get() == 0 && heldBack == null && requeue.isEmpty();
  }

  @Override
  public String toString() {
    return "DiskSpool{" + dir + ", " + diskBytes.get() + " bytes}";
  }
}
