package io.trackweave.testkit.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.testkit.TrackApiEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** A plain JDK HTTP client speaking to an emulator, for tests: real requests, real sockets. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private String authorization;
  private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

  public ApiClient(TrackApiEmulator emulator) {
    this.base = emulator.endpoint();
    credentials(emulator.siteId(), emulator.apiKey());
  }

  public ApiClient credentials(String siteId, String apiKey) {
    this.authorization =
        siteId == null
            ? null
            : "Basic " + Base64.getEncoder().encodeToString((siteId + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The Data Pipelines API's Basic auth: the key as user name, an empty password. */
  public ApiClient pipelinesKey(String key) {
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A header sent with every request from now on (e.g. {@code X-Strict-Mode: 1}). */
  public ApiClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json, false);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json, false);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null, false);
  }

  public Reply get(String path) {
    return send("GET", path, null, false);
  }

  public Reply send(String method, String path, String json, boolean gzip) {
    try {
      return sendOrThrow(method, path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), gzip);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends raw bytes; IOExceptions (e.g. a reset connection) reach the caller. */
  public Reply sendOrThrow(String method, String path, byte[] body, boolean gzip) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    if (body != null) {
      byte[] payload = gzip ? gzip(body) : body;
      request.header("Content-Type", "application/json");
      if (gzip) {
        request.header("Content-Encoding", "gzip");
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  public static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** Single quotes to double quotes, so JSON reads well inside Java strings. */
  public static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A response. */
  public static final class Reply {
    public final int status;
    public final String body;
    public final HttpResponse<String> response;

    Reply(HttpResponse<String> response) {
      this.response = response;
      this.status = response.statusCode();
      this.body = response.body();
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
