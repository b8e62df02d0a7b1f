package io.trackweave.runtime.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;

/**
 * A Track API v2 batch endpoint (and a Data Pipelines API {@code /v1/batch}) for the fault suite that
 * counts every item it accepts by event id (the Track item's {@code id}, the Pipelines call's {@code
 * messageId}; so lost and doubled calls can be counted exactly) and answers each request as its {@link
 * #plan} says: OK, a status (with Retry-After), a connection reset, a late OK (recorded, answered after
 * a delay), or a partial failure: on the Track API a 207 that rejects some items; on the Pipelines API,
 * which names no item, a strict-mode 400 for the whole batch, nothing of it recorded.
 */
final class FaultyTrackApi implements AutoCloseable {
  sealed interface Answer permits Ok, Status, Reset, Late, Partial {}

  record Ok() implements Answer {}

  record Status(int code, int retryAfterSeconds) implements Answer {}

  record Reset() implements Answer {}

  /** Records the items, then answers 200 after {@code millis} (past the client's timeout). */
  record Late(long millis) implements Answer {}

  /** Rejects items whose {@code seq} is divisible by {@code every}; records the rest. */
  record Partial(int every) implements Answer {}

  static final Answer OK = new Ok();

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "faulty-track-api");
    t.setDaemon(true);
    return t;
  });
  final AtomicInteger requests = new AtomicInteger();
  /** Requests answered with a status or a reset: each one's calls go back (to the spool) as one group. */
  final AtomicInteger refused = new AtomicInteger();
  /** Items recorded from requests answered late (past the client's timeout): the ones a retry may double. */
  final AtomicLong lateItems = new AtomicLong();
  final AtomicLong items = new AtomicLong();
  final AtomicLong firstRequestNanos = new AtomicLong();
  final Map<String, AtomicInteger> byId = new ConcurrentHashMap<>();
  final Map<String, List<Long>> seqsByPerson = new ConcurrentHashMap<>();
  volatile IntFunction<Answer> plan = n -> OK;
  volatile boolean recordOrder = true;

  FaultyTrackApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.setExecutor(executor);
    server.createContext("/api/v2/batch", this::handle);
    server.createContext("/v1/batch", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      int n = requests.incrementAndGet();
      firstRequestNanos.compareAndSet(0, System.nanoTime());
      Answer answer = plan.apply(n);
      if (answer instanceof Reset) {
        refused.incrementAndGet();
        return; // closing before any header: the client sees the connection drop
      }
      if (answer instanceof Status s) {
        refused.incrementAndGet();
        if (s.retryAfterSeconds() > 0) {
          exchange.getResponseHeaders().add("Retry-After", Integer.toString(s.retryAfterSeconds()));
        }
        respond(exchange, s.code(), "{\"errors\":[{\"reason\":\"injected\"}]}");
        return;
      }
      JsonNode batch = read(exchange, raw).path("batch");
      int every = answer instanceof Partial p ? p.every() : 0;
      boolean pipelines = exchange.getRequestURI().getPath().equals("/v1/batch");
      if (pipelines && every > 0) {
        for (JsonNode item : batch) {
          if (seq(item) % every == 0) {
            respond(exchange, 400, "{\"meta\":{\"errors\":[\"injected: an invalid call in the batch\"]}}");
            return;
          }
        }
      }
      List<Integer> rejected = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        JsonNode item = batch.get(i);
        long seq = seq(item);
        if (every > 0 && seq % every == 0) {
          rejected.add(i);
          continue;
        }
        record(item, seq);
        if (answer instanceof Late) {
          lateItems.incrementAndGet();
        }
      }
      if (answer instanceof Late late) {
        try {
          Thread.sleep(late.millis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!rejected.isEmpty()) {
        StringBuilder body = new StringBuilder("{\"errors\":[");
        for (int k = 0; k < rejected.size(); k++) {
          body.append(k == 0 ? "" : ",").append("{\"batch_index\":").append(rejected.get(k))
              .append(",\"reason\":\"invalid\",\"field\":\"seq\",\"message\":\"injected\"}");
        }
        respond(exchange, 207, body.append("]}").toString());
      } else {
        respond(exchange, 200, "{}");
      }
    } catch (IOException | RuntimeException e) {
      // the client sees a dropped connection
    }
  }

  /** The call's {@code seq} property: in {@code attributes} (Track v2) or {@code properties} (Pipelines). */
  private static long seq(JsonNode item) {
    JsonNode data = item.has("properties") ? item.path("properties") : item.path("attributes");
    return data.path("seq").asLong(-1);
  }

  private void record(JsonNode item, long seq) {
    items.incrementAndGet();
    String id = item.has("messageId") ? item.path("messageId").asText("") : item.path("id").asText("");
    byId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    if (recordOrder) {
      String person = item.has("userId") ? item.path("userId").asText("")
          : item.path("identifiers").path("id").asText("");
      List<Long> seqs = seqsByPerson.computeIfAbsent(person, k -> new ArrayList<>());
      synchronized (seqs) {
        seqs.add(seq);
      }
    }
  }

  private static JsonNode read(HttpExchange exchange, byte[] raw) throws IOException {
    InputStream in = new ByteArrayInputStream(raw);
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    return JSON.readTree(in);
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, b.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(b);
    }
  }

  /** Distinct event ids received. */
  long unique() {
    return byId.size();
  }

  /** Items received more than once (the extra copies). */
  long doubled() {
    long d = 0;
    for (AtomicInteger c : byId.values()) {
      d += c.get() - 1;
    }
    return d;
  }

  /** Of {@code expected} ids, how many never arrived. */
  long lost(Iterable<String> expected) {
    long lost = 0;
    for (String id : expected) {
      if (!byId.containsKey(id)) {
        lost++;
      }
    }
    return lost;
  }

  /** Pairs of a person's consecutive items that arrived out of call order. */
  long orderInversions() {
    long inversions = 0;
    for (List<Long> seqs : seqsByPerson.values()) {
      synchronized (seqs) {
        for (int i = 1; i < seqs.size(); i++) {
          if (seqs.get(i) < seqs.get(i - 1)) {
            inversions++;
          }
        }
      }
    }
    return inversions;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
