package io.trackweave.runtime;

import io.trackweave.runtime.internal.send.TransportFactory;
import java.util.ServiceLoader;

/**
 * A {@link TransportFactory}'s client for one runtime, opened by the first sender thread that needs it
 * (so its classes load there, not on the thread that starts the runtime), closed once.
 */
final class OtherTransport {
  private final TransportFactory factory;
  private final TrackweaveConfig config;
  private TransportFactory.Open open; // guarded by this
  private boolean closed; // guarded by this

  OtherTransport(TransportFactory factory, TrackweaveConfig config) {
    this.factory = factory;
    this.config = config;
  }

  /** The factory for {@code transport} on the runtime's class path, or null. */
  static TransportFactory find(Transport transport) {
    try {
      for (TransportFactory f : ServiceLoader.load(TransportFactory.class, TransportFactory.class.getClassLoader())) {
        if (f.transport() == transport) {
          return f;
        }
      }
    } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
      // a broken provider counts as none: the runtime says what is missing
    }
    return null;
  }

  synchronized TransportFactory.Open get() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (open == null) {
      open = factory.open(config.transportSettings(), config.name());
    }
    return open;
  }

  void cancelAll() {
    TransportFactory.Open o;
    synchronized (this) {
      o = open;
    }
    if (o != null) {
      o.cancelAll();
    }
  }

  synchronized void close() {
    closed = true;
    if (open != null) {
      open.close();
    }
  }
}
