package io.trackweave.agent.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer standing in for the Track API: answers 200 to everything and keeps the bodies. */
final class TrackApi implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> requestLines = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  TrackApi() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requestLines.add(request.getRequestLine());
            authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
            bodies.add(decode(body, "gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding"))));
            return new MockResponse.Builder().code(200).body("{}").build();
          }
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Everything the runtime sent, as one text to search. */
  String wire() {
    return String.join("\n", bodies);
  }

  private static String decode(byte[] body, boolean gzip) {
    if (!gzip) {
      return new String(body, StandardCharsets.UTF_8);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
