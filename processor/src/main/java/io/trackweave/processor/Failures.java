package io.trackweave.processor;

/**
 * The text an unexpected failure inside the processor is reported with ({@code Message.INTERNAL_ERROR}): the
 * exception and its top three frames, enough for a bug report, short enough for a build log. The processor never
 * lets the exception itself reach javac, where it would crash the whole compilation.
 */
final class Failures {
  private Failures() {}

  static String summary(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(3, trace.length); i++) {
      sb.append(i == 0 ? " at " : " < ").append(trace[i]);
    }
    return sb.toString();
  }
}
