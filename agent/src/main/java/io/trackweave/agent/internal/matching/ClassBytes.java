package io.trackweave.agent.internal.matching;

import java.nio.charset.StandardCharsets;

/**
 * Cheap checks on raw class bytes, before any parsing. A runtime-retained annotation's descriptor sits
 * in the constant pool as plain UTF-8, and woven code names its dispatcher the same way, so a byte search
 * answers "might this class carry a tracking annotation?" and "was it woven already?" for a few
 * microseconds, without building a class model.
 */
public final class ClassBytes {
  private static final byte[] ANNOTATIONS = ascii("Lio/trackweave/annotations/");
  private static final byte[] TRACK_EVENT = ascii("TrackEvent;");
  private static final byte[] IDENTIFY_ON = ascii("IdentifyOn;");
  private static final byte[] IDENTIFY_OBJECT = ascii("IdentifyObject;");
  private static final byte[] DELETE_OBJECT = ascii("DeleteObject;");
  private static final byte[] MAPPER_DISPATCH = ascii("io/trackweave/api/internal/MapperDispatch");
  private static final byte[] FALLBACK_DISPATCH = ascii("io/trackweave/agent/internal/fallback/FallbackDispatch");

  private ClassBytes() {}

  /**
   * True when the class may have a {@code @TrackEvent}, {@code @IdentifyOn}, {@code @IdentifyObject} or
   * {@code @DeleteObject} method.
   */
  public static boolean mayCarryTrackingAnnotation(byte[] bytes) {
    int from = 0;
    while (true) {
      int at = indexOf(bytes, ANNOTATIONS, from);
      if (at < 0) {
        return false;
      }
      int tail = at + ANNOTATIONS.length;
      if (startsWith(bytes, tail, TRACK_EVENT) || startsWith(bytes, tail, IDENTIFY_ON)
          || startsWith(bytes, tail, IDENTIFY_OBJECT) || startsWith(bytes, tail, DELETE_OBJECT)) {
        return true;
      }
      from = tail;
    }
  }

  /** True when the class already calls a Trackweave dispatcher (woven at build time). */
  public static boolean isWoven(byte[] bytes) {
    return indexOf(bytes, MAPPER_DISPATCH, 0) >= 0 || indexOf(bytes, FALLBACK_DISPATCH, 0) >= 0;
  }

  static int indexOf(byte[] bytes, byte[] pattern, int from) {
    byte first = pattern[0];
    int last = bytes.length - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (bytes[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] pattern) {
    if (at + pattern.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < pattern.length; j++) {
      if (bytes[at + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
