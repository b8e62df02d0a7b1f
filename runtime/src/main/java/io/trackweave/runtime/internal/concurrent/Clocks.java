package io.trackweave.runtime.internal.concurrent;

import java.util.function.LongSupplier;

/**
 * The system's clocks as suppliers, made once. Classes rather than method references: every {@code
 * System::nanoTime} call site spins a lambda class the first time it runs (about a millisecond each on a
 * cold JVM), and a runtime's start ran a dozen of them before it could take a call.
 */
public final class Clocks {
  /** {@link System#nanoTime()}. */
  public static final LongSupplier NANO_TIME = new NanoTime();
  /** {@link System#currentTimeMillis()}. */
  public static final LongSupplier WALL_MILLIS = new WallMillis();

  private Clocks() {}

  private static final class NanoTime implements LongSupplier {
    @Override
    public long getAsLong() {
      return System.nanoTime();
    }
  }

  private static final class WallMillis implements LongSupplier {
    @Override
    public long getAsLong() {
      return System.currentTimeMillis();
    }
  }
}
