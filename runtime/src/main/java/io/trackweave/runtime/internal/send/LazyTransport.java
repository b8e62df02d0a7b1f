package io.trackweave.runtime.internal.send;

import java.util.function.Supplier;

/**
 * The runtime's one {@link HttpTransport}, made by the first sender thread that needs it. Creating it
 * loads OkHttp, Okio and Kotlin (a few hundred milliseconds on a cold JVM): done there, it keeps that
 * cost off the thread that starts the runtime, so the runtime accepts calls almost at once.
 */
public final class LazyTransport {
  private final Supplier<HttpTransport> factory;
  private volatile HttpTransport transport; // written under this
  private boolean closed; // guarded by this

  public LazyTransport(Supplier<HttpTransport> factory) {
    this.factory = factory;
  }

  /** The transport, created on first use. */
  public synchronized HttpTransport get() {
    if (transport == null) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      transport = factory.get();
    }
    return transport;
  }

  /** Cancels what is in flight, if a transport exists; never waits for one being made. */
  public void cancelAll() {
    HttpTransport t = transport;
    if (t != null) {
      t.cancelAll();
    }
  }

  public synchronized void close() {
    closed = true;
    if (transport != null) {
      transport.close();
    }
  }
}
