package io.trackweave.runtime.internal.encode;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes one URL path segment (RFC 3986): only unreserved characters stay as they are, so an id
 * holding '/', '+', '@', '?', '#', '%', spaces or accents reaches the right person. A segment that is
 * exactly "." or ".." cannot be sent at all: URL parsers (OkHttp's, WHATWG's) treat even {@code %2E%2E}
 * as a directory step, so {@link #encodeForPath} refuses it.
 */
public final class PathSegment {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegment() {}

  /** Thrown for a segment no URL can carry ("." or ".."). */
  public static final class NotAddressable extends IllegalArgumentException {
    NotAddressable(String segment) {
      super("'" + segment + "' cannot be a URL path segment");
    }
  }

  /** {@link #encode}, refusing "." and ".." (see above). */
  public static String encodeForPath(String segment) {
    if (segment.equals(".") || segment.equals("..")) {
      throw new NotAddressable(segment);
    }
    return encode(segment);
  }

  public static String encode(String segment) {
    if (segment.equals(".")) {
      return "%2E";
    }
    if (segment.equals("..")) {
      return "%2E%2E";
    }
    byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
      }
    }
    return sb.toString();
  }
}
