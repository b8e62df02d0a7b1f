package io.trackweave.agent.internal.advice;

import java.util.List;

/** A class woven once, and thrown away, to load the weaving code before the application needs it. */
final class WarmUpTarget {
  static final WeavingListener SILENT =
      new WeavingListener() {
        @Override
        public void onWoven(String type, List<String> indexedMethods, List<String> fallbackMethods) {}

        @Override
        public void onProblem(String type, String problem) {}

        @Override
        public void onError(String type, Throwable error) {}
      };

  private WarmUpTarget() {}

  static Object call(Object value) {
    return value;
  }
}
