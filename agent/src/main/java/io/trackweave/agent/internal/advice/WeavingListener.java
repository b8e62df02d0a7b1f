package io.trackweave.agent.internal.advice;

import java.util.List;

/**
 * Hears what weaving did. A failed transformation just leaves the class untracked, and the JVM says
 * nothing about it, so every failure must reach a listener that does.
 */
public interface WeavingListener {
  /** {@code type} was woven; {@code fallbackMethods} were woven without an index entry. */
  void onWoven(String type, List<String> indexedMethods, List<String> fallbackMethods);

  /**
   * {@code methods} of {@code type} carry a tracking annotation but have no index entry, and the
   * reflective fallback is off: they run untracked.
   */
  default void onUnwoven(String type, List<String> methods) {}

  /** Something about {@code type} could not be woven as asked (e.g. an index entry without its method). */
  void onProblem(String type, String problem);

  /** Weaving {@code type} failed; the class runs unwoven. */
  void onError(String type, Throwable error);
}
