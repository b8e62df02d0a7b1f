package io.trackweave.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A Track API stand-in for the outage tests that counts what arrives by event id: on a port chosen up
 * front but not listened on until {@link #comeUp()}, so until then every connection is refused, as in
 * an outage (or, after {@link #hang()}, taken and never answered). Answers every request with
 * {@code status}.
 */
final class CountingTrackApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Replaced only when a start after {@link #hang()} must be tried again (a server starts once). */
  private volatile MockWebServer server = new MockWebServer();
  private final Dispatcher dispatcher;
  private final int port;
  private volatile int status = 200;
  /** After {@link #hang()}: the socket that takes connections and never answers, and what it took. */
  private ServerSocket hanging;
  private Thread acceptor;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  final AtomicInteger connectionsHeld = new AtomicInteger();
  final AtomicLong items = new AtomicLong();
  final AtomicInteger requests = new AtomicInteger();
  /** Event id to the order id it carried. */
  final Map<String, String> orderOfEvent = new ConcurrentHashMap<>();
  /** Order id to the distinct event ids it arrived under. */
  final Map<String, Set<String>> eventsOfOrder = new ConcurrentHashMap<>();

  CountingTrackApi() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    dispatcher =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
            if (status == 200) {
              record(body, "gzip".equalsIgnoreCase(request.getHeaders().get("Content-Encoding")));
            }
            return new MockResponse.Builder().code(status).body(status == 200 ? "{}" : "{\"meta\":{\"error\":\"unauthorized\"}}").build();
          }
        };
    server.setDispatcher(dispatcher);
  }

  CountingTrackApi status(int status) {
    this.status = status;
    return this;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Until {@link #comeUp()}, the outage is a server that takes every connection and never answers
   * (reads nothing, writes nothing): a request waits for its read timeout, not for a refusal.
   */
  CountingTrackApi hang() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
    hanging = socket;
    Thread acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          held.add(socket.accept());
          connectionsHeld.incrementAndGet();
        } catch (IOException e) {
          return; // closed by comeUp() or close()
        }
      }
    }, "hanging-track-api");
    acceptor.setDaemon(true);
    acceptor.start();
    this.acceptor = acceptor;
    return this;
  }

  /** Starts listening: the outage is over. */
  CountingTrackApi comeUp() throws IOException, InterruptedException {
    boolean hung = hanging != null;
    stopHanging();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        server.start(port);
        return this;
      } catch (BindException e) {
        // the hung listener's socket is released once its accepting thread has left accept(); on a
        // loaded machine that can take a moment
        if (!hung || System.nanoTime() - end > 0) {
          throw e;
        }
        server.close();
        MockWebServer fresh = new MockWebServer();
        fresh.setDispatcher(dispatcher);
        server = fresh;
        Thread.sleep(100);
      }
    }
  }

  private void stopHanging() {
    if (hanging == null) {
      return;
    }
    try {
      hanging.close();
    } catch (IOException ignored) {
      // closing a listening socket
    }
    for (Socket s : held) {
      try {
        s.close();
      } catch (IOException ignored) {
        // the client is gone already
      }
    }
    hanging = null;
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  long unique() {
    return orderOfEvent.size();
  }

  /** Orders that arrived under more than one event id (one call captured twice). */
  long capturedTwice() {
    return eventsOfOrder.values().stream().filter(ids -> ids.size() > 1).count();
  }

  /** Of {@code prefix}0 .. {@code prefix}(n-1), how many never arrived. */
  long missing(String prefix, int n) {
    long missing = 0;
    for (int i = 0; i < n; i++) {
      if (!eventsOfOrder.containsKey(prefix + i)) {
        missing++;
      }
    }
    return missing;
  }

  boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  String describe() {
    return "requests=" + requests.get() + " items=" + items.get() + " unique=" + unique()
        + " capturedTwice=" + capturedTwice();
  }

  private void record(byte[] body, boolean gzip) {
    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body)) {
      JsonNode root = JSON.readTree(in);
      JsonNode batch = root.has("batch") ? root.get("batch") : JSON.createArrayNode().add(root);
      for (JsonNode item : batch) {
        items.incrementAndGet();
        String id = item.path("id").asText();
        String order = item.path("attributes").path("order_id").asText(item.path("data").path("order_id").asText());
        orderOfEvent.put(id, order);
        eventsOfOrder.computeIfAbsent(order, k -> ConcurrentHashMap.newKeySet()).add(id);
      }
    } catch (IOException e) {
      throw new IllegalStateException("unreadable request body", e);
    }
  }

  @Override
  public void close() {
    stopHanging();
    server.close();
  }
}
