package io.trackweave.runtime.internal.send;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether Customer.io answered the last request, shared by the sender threads of one runtime, so an
 * outage is reported once when it begins and once when it ends, not once per failed request. Also
 * whether requests have been outstanding with no answer at all for a while: a server that takes the
 * connection and never answers (see {@link #unansweredFor}).
 */
public final class Reachability {
  private final AtomicBoolean down = new AtomicBoolean();
  private int inFlight; // guarded by this
  /** When the requests now in flight began to be outstanding without a break (senders' clock). */
  private long busySince; // guarded by this
  private boolean everHeard; // guarded by this
  private long lastHeard; // guarded by this

  /** A request got no usable answer. True when this begins an outage (the caller reports it). */
  public boolean failed() {
    return down.compareAndSet(false, true);
  }

  /** Customer.io answered. True when this ends an outage (the caller reports it). */
  public boolean answered() {
    return down.get() && down.compareAndSet(true, false);
  }

  public boolean isDown() {
    return down.get();
  }

  /** A sender starts a request at {@code nowNanos}. */
  public synchronized void sending(long nowNanos) {
    if (inFlight++ == 0) {
      busySince = nowNanos;
    }
  }

  /** That request ended at {@code nowNanos}; {@code heard}: with an HTTP answer, whatever its status. */
  public synchronized void ended(long nowNanos, boolean heard) {
    inFlight--;
    if (heard) {
      everHeard = true;
      lastHeard = nowNanos;
    }
  }

  /**
   * True when requests have been outstanding without a break for {@code nanos} and no answer of any
   * status arrived in that time: the server took the connections and does not answer.
   */
  public synchronized boolean unansweredFor(long nanos, long nowNanos) {
    return inFlight > 0 && nowNanos - busySince >= nanos && !(everHeard && nowNanos - lastHeard < nanos);
  }
}
