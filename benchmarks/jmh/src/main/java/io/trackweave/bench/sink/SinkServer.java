package io.trackweave.bench.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The receiving end of the delivery benchmarks: a JDK HttpServer that answers every upload with 200 and
 * counts the events in each body (gzip-aware), by counting the event name, which appears exactly once per
 * event in both Trackweave's Track API batches and Segment's import batches.
 *
 * <p>It runs in its own JVM (see {@link SinkProcess}) so its allocations never show up in the client's
 * {@code -prof gc} figures; it still shares the machine's cores with the client, as a real co-located
 * collector would not. Its counts are read over a tiny TCP control port: send one byte ({@code 'T'}
 * Trackweave events, {@code 'S'} Segment events, {@code 'R'} requests), read back one long.
 */
public final class SinkServer {
  /** Counted once per event in every body. */
  static final byte[] TOKEN = "order_completed".getBytes(StandardCharsets.US_ASCII);

  private static final byte[] TRACK_API_OK = "{}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEGMENT_OK = "{\"success\":true}".getBytes(StandardCharsets.US_ASCII);

  private final AtomicLong trackweaveEvents = new AtomicLong();
  private final AtomicLong segmentEvents = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  public static void main(String[] args) throws Exception {
    // must be set before the server starts: without it every response waits for a delayed ACK (~40 ms)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    new SinkServer().run();
  }

  private void run() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
    ExecutorService workers = Executors.newFixedThreadPool(4, daemon("sink-http"));
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    ServerSocket control = new ServerSocket(0, 16, loopback);
    Thread acceptor = new Thread(() -> acceptControl(control), "sink-control");
    acceptor.setDaemon(true);
    acceptor.start();
    System.out.println("SINK " + server.getAddress().getPort() + " " + control.getLocalPort());
    System.out.flush();
    // the parent holds our stdin: when it closes (the benchmark ended or died), so do we
    while (System.in.read() >= 0) {
      // ignore
    }
    server.stop(0);
    workers.shutdownNow();
    System.exit(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      InputStream raw = exchange.getRequestBody();
      InputStream body =
          encoding != null && encoding.toLowerCase().contains("gzip") ? new GZIPInputStream(raw, 64 * 1024) : raw;
      long events = countTokens(body);
      requests.incrementAndGet();
      boolean segment = exchange.getRequestURI().getPath().startsWith("/v1/import");
      (segment ? segmentEvents : trackweaveEvents).addAndGet(events);
      byte[] answer = segment ? SEGMENT_OK : TRACK_API_OK;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  /** Streams the body once and counts non-overlapping occurrences of {@link #TOKEN}. */
  static long countTokens(InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long count = 0;
    int matched = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == TOKEN[matched]) {
          if (++matched == TOKEN.length) {
            count++;
            matched = 0;
          }
        } else {
          matched = b == TOKEN[0] ? 1 : 0;
        }
      }
    }
    return count;
  }

  private void acceptControl(ServerSocket control) {
    while (true) {
      try {
        Socket socket = control.accept();
        socket.setTcpNoDelay(true);
        Thread t = new Thread(() -> serveControl(socket), "sink-control-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serveControl(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      int command;
      while ((command = in.read()) >= 0) {
        long value =
            switch (command) {
              case 'T' -> trackweaveEvents.get();
              case 'S' -> segmentEvents.get();
              case 'R' -> requests.get();
              default -> -1;
            };
        out.writeLong(value);
        out.flush();
      }
    } catch (IOException ignored) {
      // the benchmark went away
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
