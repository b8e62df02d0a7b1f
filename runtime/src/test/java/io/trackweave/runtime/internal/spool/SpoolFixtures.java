package io.trackweave.runtime.internal.spool;

import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Action;
import io.trackweave.runtime.internal.operation.Operation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Operations and spools for the spool's tests. */
final class SpoolFixtures {
  private SpoolFixtures() {}

  static Ledger ledger() {
    return new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
        new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
  }

  /** An event for person {@code person} with a sequence number in its id and properties. */
  static Operation event(String person, long seq) {
    return event(person, seq, "x");
  }

  static Operation event(String person, long seq, String padding) {
    Fields props = Fields.builder(2).put("seq", seq).put("pad", padding).build();
    return Operation.restore(Action.EVENT, Person.identified(IdentifierType.ID, person), null, "spooled", props,
        1_700_000_000L + seq, 0x0123_4567_89ABL << 16, seq, false, null, null, 100 + padding.length(), null);
  }

  static DiskSpool open(Path dir, Ledger ledger, long maxBytes, FsyncPolicy fsync) throws IOException {
    return DiskSpool.open(dir, ledger, maxBytes, fsync, Duration.ofMillis(50), 100, Duration.ofMillis(100),
        Duration.ofMillis(200), "trackweave-spool-test");
  }

  /** A spool whose replay pauses, fsync interval and write retries follow {@code nanoClock}. */
  static DiskSpool open(Path dir, Ledger ledger, LongSupplier nanoClock) throws IOException {
    return DiskSpool.open(dir, ledger, 64L * 1024 * 1024, FsyncPolicy.ALWAYS, Duration.ofMillis(50), 100,
        Duration.ofMillis(100), Duration.ofMillis(200), "trackweave-spool-test", nanoClock);
  }

  static DiskSpool open(Path dir, Ledger ledger) throws IOException {
    return open(dir, ledger, 64L * 1024 * 1024, FsyncPolicy.ALWAYS);
  }

  /**
   * Everything the spool holds now, in replay order (unsettled): what was handed over is written first
   * ({@link DiskSpool#persist}), then records are read until the reader has caught up. No waiting on
   * time: once persisted, every record is published to the reader.
   */
  static List<Operation> replayAll(DiskSpool spool) {
    if (!spool.persist(TimeUnit.SECONDS.toNanos(10))) {
      throw new AssertionError("the spool thread did not write what it was handed within 10 s");
    }
    List<Operation> out = new ArrayList<>();
    while (spool.replay(out::add) > 0) {
      // read on: a call ends when it has caught up, or when the circuit's permits run out
    }
    return out;
  }

  /**
   * Returns once the spool thread has run a whole turn that began after this call, including its
   * deletion of settled segments: a barrier is counted down before the turn deletes, so the second
   * barrier's turn begins only after the first one's deletion ended.
   */
  static void spoolThreadTurn(DiskSpool spool) {
    for (int i = 0; i < 2; i++) {
      if (!spool.persist(TimeUnit.SECONDS.toNanos(10))) {
        throw new AssertionError("the spool thread did not take a turn within 10 s");
      }
    }
  }
}
