package io.trackweave.runtime.internal.send;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether Customer.io answered the last request, shared by the sender threads of one runtime, so an
 * outage is reported once when it begins and once when it ends, not once per failed request.
 */
public final class Reachability {
  private final AtomicBoolean down = new AtomicBoolean();

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
}
