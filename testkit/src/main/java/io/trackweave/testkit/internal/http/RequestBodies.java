package io.trackweave.testkit.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads request bodies: gzip-decoded when {@code Content-Encoding: gzip}, never more than a limit. */
final class RequestBodies {
  private RequestBodies() {}

  /**
   * The decoded body.
   *
   * @param limit the largest body accepted, in bytes after decoding (Customer.io's limits are on the JSON)
   * @throws PayloadTooLarge when the decoded body is larger than {@code limit}; reading stops there, so a
   *     gzip bomb costs nothing
   */
  static byte[] read(HttpExchange exchange, int limit) throws IOException, PayloadTooLarge {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream in = exchange.getRequestBody();
    if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
      in = new GZIPInputStream(in);
    } else if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new IOException("unsupported Content-Encoding " + encoding);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
      if (out.size() > limit) {
        throw new PayloadTooLarge(
            "request body is larger than " + (limit / 1024) + " KB (" + out.size() + "+ bytes)");
      }
    }
    return out.toByteArray();
  }
}
