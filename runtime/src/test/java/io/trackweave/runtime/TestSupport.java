package io.trackweave.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Shared test plumbing: a runtime pointed at a MockWebServer with short timings, and body readers. */
public final class TestSupport {
  public static final String SITE_ID = "site-123";
  public static final String API_KEY = "secret-key-456";
  public static final ObjectMapper JSON = new ObjectMapper();

  private TestSupport() {}

  /**
   * Settings from nothing (no real environment), pointed at {@code server}, fast in every timing. The
   * disk spool (on by default) is off: a test that is not about the spool must not leave files in
   * ~/.trackweave for the next run to replay; spool tests give it a {@code @TempDir}.
   */
  public static TrackweaveConfig.Builder config(MockWebServer server) {
    return TrackweaveConfig.loadBuilder(Map.of(), Map.of(), Map.of())
        .spoolEnabled(false)
        .siteId(SITE_ID)
        .apiKey(API_KEY)
        .endpoint(server.url("/").toString())
        .flushInterval(Duration.ofMillis(50))
        .retryInitialBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(5))
        .retryMaxTime(Duration.ofSeconds(20))
        .rateLimit(100_000)
        .jmx(false)
        .name("test");
  }

  /** Settings without any source at all (empty environment, properties and overrides). */
  public static TrackweaveConfig.Builder emptyConfig() {
    return TrackweaveConfig.loadBuilder(Map.of(), Map.of(), Map.of());
  }

  public static MockResponse ok() {
    return new MockResponse.Builder().code(200).body("{}").build();
  }

  public static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("").build();
  }

  /** The request body as text, gunzipped when it was sent compressed. */
  public static String body(RecordedRequest request) {
    if (request.getBody() == null) {
      return "";
    }
    byte[] raw = request.getBody().toByteArray();
    if ("gzip".equals(request.getHeaders().get("Content-Encoding"))) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        raw = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new String(raw, StandardCharsets.UTF_8);
  }

  public static JsonNode json(RecordedRequest request) {
    try {
      return JSON.readTree(body(request));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
