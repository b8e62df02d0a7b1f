package io.trackweave.runtime.internal.send;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether Customer.io answered the last request, shared by the sender threads of one runtime, so an
 * outage is reported once when it begins and once when it ends, not once per failed request. Also
 * when it last answered: a request unanswered past the memory bound while nothing else was answered
 * either is a hung one (see {@link #answeredWithin}).
 */
public final class Reachability {
  private final AtomicBoolean down = new AtomicBoolean();
  private volatile boolean everAnswered;
  private volatile long lastAnswerNanos;

  /** A request got no usable answer. True when this begins an outage (the caller reports it). */
  public boolean failed() {
    return down.compareAndSet(false, true);
  }

  /** Customer.io answered. True when this ends an outage (the caller reports it). */
  public boolean answered() {
    return down.get() && down.compareAndSet(true, false);
  }

  /** As {@link #answered()}, at {@code atNanos} on the senders' clock. */
  public boolean answered(long atNanos) {
    lastAnswerNanos = atNanos;
    everAnswered = true;
    return answered();
  }

  /** Whether any request was answered (any status) in the {@code nanos} before {@code nowNanos}. */
  public boolean answeredWithin(long nanos, long nowNanos) {
    return everAnswered && nowNanos - lastAnswerNanos < nanos;
  }

  public boolean isDown() {
    return down.get();
  }
}
