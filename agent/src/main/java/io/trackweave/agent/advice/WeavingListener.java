package io.trackweave.agent.advice;

import java.util.List;

/**
 * Hears what weaving did. A failed transformation just leaves the class untracked, and the JVM says
 * nothing about it, so every failure must reach a listener that does.
 */
public interface WeavingListener {
  /** {@code type} was woven; {@code fallbackMethods} were woven without an index entry. */
  void onWoven(String type, List<String> indexedMethods, List<String> fallbackMethods);

  /** Something about {@code type} could not be woven as asked (e.g. an index entry without its method). */
  void onProblem(String type, String problem);

  /** Weaving {@code type} failed; the class runs unwoven. */
  void onError(String type, Throwable error);
}
