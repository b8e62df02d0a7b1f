package io.trackweave.relay;

import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.Overflow;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The relay's overflow: Kafka itself. What the send stage gives up (Customer.io unreachable, a 429, a
 * 5xx) is not kept anywhere: its offsets stay uncommitted and the poll thread seeks back to it, so the
 * topic holds it, not this process's memory. A Retry-After holds every partition that long.
 */
final class RelayOverflow implements Overflow {
  private final LongSupplier nanoClock;
  private final AtomicLong holdUntil = new AtomicLong(Long.MIN_VALUE);

  RelayOverflow(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Override
  public boolean offerWhenFull(Operation op) {
    return false; // never called: the relay enqueues nothing
  }

  @Override
  public boolean offerUndeliverable(List<Operation> ops) {
    for (Operation op : ops) {
      if (op.receipt() instanceof Pending p) {
        p.givenUp();
      }
    }
    return true;
  }

  @Override
  public void holdReplay(long nanos) {
    long until = nanoClock.getAsLong() + nanos;
    holdUntil.accumulateAndGet(until, (a, b) -> a == Long.MIN_VALUE || b - a > 0 ? b : a);
  }

  /** Until when ({@link System#nanoTime()}) Customer.io asked for nothing to be sent; MIN_VALUE for no hold. */
  long holdUntil() {
    return holdUntil.get();
  }
}
