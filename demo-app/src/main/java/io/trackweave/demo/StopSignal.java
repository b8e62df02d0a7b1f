package io.trackweave.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a clean stop: while installed, the signals release {@link #await()}
 * instead of killing the JVM, so the demo closes the emulator, says "stopped" and exits with status 0. Under
 * {@code mvn -Pdemo} the demo runs inside Maven's JVM, where the default handler would end the build with
 * status 130 and "BUILD FAILURE"; closing this puts the previous handlers back.
 *
 * <p>{@code sun.misc.Signal} is the JDK's only signal API (module jdk.unsupported, exported on every JDK). Where
 * a signal cannot be handled (e.g. the JVM runs with {@code -Xrs}), the JVM's own behaviour stays.
 */
final class StopSignal implements AutoCloseable {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignal() {}

  static StopSignal install() {
    StopSignal s = new StopSignal();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal signal = new Signal(name);
        SignalHandler old = Signal.handle(signal, sig -> s.stop.countDown());
        s.signals.add(signal);
        s.previous.add(old);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        // not available here: the JVM's default applies
      }
    }
    return s;
  }

  boolean requested() {
    return stop.getCount() == 0;
  }

  /** Blocks until SIGINT or SIGTERM. */
  void await() throws InterruptedException {
    stop.await();
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      try {
        Signal.handle(signals.get(i), previous.get(i));
      } catch (IllegalArgumentException e) {
        // leave it
      }
    }
  }
}
