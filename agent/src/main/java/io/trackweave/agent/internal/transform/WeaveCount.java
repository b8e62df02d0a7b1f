package io.trackweave.agent.internal.transform;

import java.util.concurrent.atomic.AtomicInteger;

/** How many classes and methods this agent has woven, for its start-up line. */
public final class WeaveCount {
  private static final AtomicInteger CLASSES = new AtomicInteger();
  private static final AtomicInteger METHODS = new AtomicInteger();

  private WeaveCount() {}

  /** One class was woven, with {@code methods} indexed methods in it. */
  public static void woven(int methods) {
    CLASSES.incrementAndGet();
    METHODS.addAndGet(methods);
  }

  public static int classes() {
    return CLASSES.get();
  }

  public static int methods() {
    return METHODS.get();
  }
}
