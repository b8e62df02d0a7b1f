package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Reads spilled records back, in the order they were spilled, and offers them to the batching path,
 * paced by the {@link ReplayCircuit}. Each operation read carries a {@link Receipt}: when it settles, its
 * record counts as settled (the segment goes once all of its records have); when delivery bounced it, it
 * goes back in line ahead of everything unread. Records the reader cannot use are skipped and counted
 * ({@code spool_corrupt}), or, when a later release wrote them, left on disk for that release.
 *
 * <p>Batching thread, except the receipts (settled by sender threads) and {@link #bounce}/{@link #trip}
 * (sender threads handing operations back).
 */
final class Replay {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime.spool");

  private final Segments segments;
  private final Ledger ledger;
  private final SpoolWriter writer;
  private final ReplayCircuit circuit;
  private SegmentReader reader;
  private Segment readerSegment;
  /** Read, but the batching path had no room for it: offered first next time. */
  private volatile Operation heldBack;
  private long readOrder;
  /** Replayed operations delivery bounced, by read order: replayed again before anything unread. */
  private final ConcurrentSkipListMap<Long, Operation> requeue = new ConcurrentSkipListMap<>();
  /** Replayed operations not settled yet: while a probe's are, the circuit lets nothing more through. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder replayed = new LongAdder();
  private final LongAdder corruptSkipped = new LongAdder();

  Replay(Segments segments, Ledger ledger, SpoolWriter writer, ReplayCircuit circuit) {
    this.segments = segments;
    this.ledger = ledger;
    this.writer = writer;
    this.circuit = circuit;
  }

  /**
   * Offers bounced operations first, then the one held back, then records read from disk, until
   * {@code into} refuses one, the circuit's permits run out, or the reader has caught up. Returns how
   * many {@code into} took.
   */
  int replay(Predicate<Operation> into) {
    if (writer.closing()) {
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
      LOG.log(Level.WARNING, "Trackweave spool: reading {0} failed: {1}", segments.directory(), e.toString());
      closeReader();
    }
    replayed.add(n);
    return n;
  }

  /**
   * True when {@code op} was read from this spool; then it is marked to go back in line (ahead of
   * everything unread) when its sender releases it, and its record stays on disk until then.
   */
  boolean bounce(Operation op) {
    if (op.receipt() instanceof Receipt r && r.replay() == this) {
      r.bounced = true;
      return true;
    }
    return false;
  }

  /** Delivery failed: pause replay (see {@link ReplayCircuit#trip}). */
  void trip(boolean whileReplaying) {
    circuit.trip(whileReplaying);
  }

  /** Customer.io asked (Retry-After) for nothing to be sent for {@code nanos}. */
  void hold(long nanos) {
    circuit.hold(nanos);
  }

  /** True while bounced operations wait to be replayed again. */
  boolean requeued() {
    return !requeue.isEmpty();
  }

  /** True when nothing replayed is unsettled, held back or waiting to go again. */
  boolean idle() {
    return inFlight.get() == 0 && heldBack == null && requeue.isEmpty();
  }

  long replayed() {
    return replayed.sum();
  }

  long corruptSkipped() {
    return corruptSkipped.sum();
  }

  /** The next record as an operation (in flight from now on), or null when caught up. */
  private Operation read() throws IOException {
    long version = segments.version();
    while (true) {
      if (reader == null) {
        Segment s = segments.firstUnread();
        if (s == null) {
          segments.drained(version);
          return null;
        }
        readerSegment = s;
        try {
          reader = new SegmentReader(s);
        } catch (NoSuchFileException e) {
          // deleted behind the spool's back (a temporary-directory cleaner): its calls are gone, say so
          LOG.log(Level.WARNING, "Trackweave spool {0}: {1} ({2} bytes) was deleted by something else; the calls"
              + " in it are lost (counted as one spool_corrupt run)", segments.directory(), s, s.size);
          corruptSkipped.increment();
          ledger.droppedBySpool("spool_corrupt", 1);
          finishSegment();
          continue;
        } catch (IOException e) {
          // unreadable now (permissions changed?): keep it for the next run rather than retry it forever
          s.refused = true;
          LOG.log(Level.WARNING, "Trackweave spool {0}: cannot read {1} ({2}); it is left on disk for the next"
              + " run and not replayed now", segments.directory(), s, e.toString());
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
              + " after it", segments.directory(), s);
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
        if (segments.last() == readerSegment) {
          segments.drained(version);
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

  /**
   * Stops reading the current segment, which a newer release wrote, and keeps its file for that
   * release. What was read from it before is replayed now and again by that release (same event ids).
   */
  private void refuse(String what) {
    Segment s = readerSegment;
    s.refused = true;
    LOG.log(Level.WARNING, "Trackweave spool {0}: {1} holds {2}, written by a newer Trackweave; it is kept"
        + " untouched for that release and not replayed", segments.directory(), s, what);
    finishSegment();
  }

  private void finishSegment() {
    readerSegment.readDone = true;
    closeReader();
    writer.wake(); // it may be deletable now
  }

  /** Closes the file being read (the spool is closing, or reading it failed: it is reopened next time). */
  void closeReader() {
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
      LOG.log(Level.WARNING, "Trackweave spool {0}: skipped {1} torn or corrupt record(s) (checksum)",
          segments.directory(), runs);
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

    Replay replay() {
      return Replay.this;
    }

    @Override
    public void settled() {
      inFlight.decrementAndGet();
      if (bounced) {
        bounced = false;
        Operation op = operation;
        if (op != null && !writer.closing()) {
          requeue.put(order, op);
          return;
        }
        return; // closing: the record stays on disk and is replayed by the next run
      }
      operation = null;
      circuit.settled(); // Customer.io answered: replay at full speed again
      segment.settled.incrementAndGet();
      if (segment.readDone) {
        writer.wake();
      }
    }
  }
}
