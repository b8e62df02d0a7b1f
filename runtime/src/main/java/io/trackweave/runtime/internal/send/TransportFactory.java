package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.Transport;
import io.trackweave.runtime.internal.config.TransportSettings;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.queue.OperationQueue;

/**
 * A transport other than HTTP, found with {@link java.util.ServiceLoader} so its client library stays
 * out of the runtime's jar: trackweave-kafka provides {@link Transport#KAFKA}. Not for application code.
 */
public interface TransportFactory {
  /** The transport it provides. */
  Transport transport();

  /**
   * Opens the transport's shared client. Called on the first sender thread that needs it (never on the
   * caller's or the starting thread), once per runtime.
   *
   * @param settings the transport's settings (client properties, topic)
   * @param runtimeName the runtime's {@code name}, to tell its client apart from another runtime's
   */
  Open open(TransportSettings settings, String runtimeName);

  /** The client that the runtime's sender threads share. */
  interface Open extends AutoCloseable {
    /** A sender thread's delivery: settles each operation through {@code queue}, {@code ledger} and {@code surrender}. */
    BatchDelivery delivery(Ledger ledger, OperationQueue queue, Surrender surrender, Reachability reachability);

    /** Aborts what is in flight (closing, past the orderly part of the deadline). */
    default void cancelAll() {}

    @Override
    void close();
  }
}
