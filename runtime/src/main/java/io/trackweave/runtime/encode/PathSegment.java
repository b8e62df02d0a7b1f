package io.trackweave.runtime.encode;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes one URL path segment (RFC 3986): only unreserved characters stay as they are, so an id
 * holding '/', '+', '@', '?', '#', '%', spaces or accents reaches the right person. A segment that is
 * exactly "." or ".." is encoded too, or URL normalisation would treat it as a directory step.
 */
public final class PathSegment {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegment() {}

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
