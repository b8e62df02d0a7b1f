package io.trackweave.testkit.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a raw request path into percent-decoded segments (a {@code %2F} inside an identifier stays in it). */
final class PathCodec {
  private PathCodec() {}

  /** Segments of {@code rawPath}, decoded; empty segments (leading or doubled slashes) are dropped. */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String raw : rawPath.split("/", -1)) {
      if (!raw.isEmpty()) {
        out.add(decode(raw));
      }
    }
    return out;
  }

  /**
   * Percent-decodes one path segment as UTF-8. Unlike URLDecoder, a {@code +} stays a plus (it is a space
   * only in form bodies), which matters for emails such as {@code jane+test@example.com}.
   */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && i + 2 < segment.length()
          && hex(segment.charAt(i + 1)) >= 0 && hex(segment.charAt(i + 2)) >= 0) {
        bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
