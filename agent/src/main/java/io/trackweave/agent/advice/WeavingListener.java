package io.trackweave.agent.advice;

import java.util.List;

/**
 * Hears what weaving did. Byte Buddy reports nothing by itself: a failed transformation just leaves the
 * class untracked, so every failure must reach a listener that says so.
 */
public interface WeavingListener {
  /** {@code type} was woven; {@code fallbackMethods} were woven without an index entry. */
  void onWoven(String type, List<String> indexedMethods, List<String> fallbackMethods);

  /** Something about {@code type} could not be woven as asked (e.g. an index entry without its method). */
  void onProblem(String type, String problem);

  /** Weaving {@code type} failed; the class runs unwoven. */
  void onError(String type, Throwable error);
}
