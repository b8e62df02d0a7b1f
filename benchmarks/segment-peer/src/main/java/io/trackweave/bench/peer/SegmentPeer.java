package io.trackweave.bench.peer;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.TrackMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;

/**
 * Segment's analytics-java, the benchmark peer, behind JDK types only: its OkHttp 4, Retrofit and Gson
 * are relocated in this module's jar, so the benchmarks never see them.
 *
 * <p>Each call does exactly what a Segment user writes: {@code analytics.enqueue(TrackMessage.builder(event)
 * .userId(..).messageId(..).properties(..))}. The message id plays the part of Trackweave's dedupe key.
 */
public final class SegmentPeer implements AutoCloseable {
  private final Analytics analytics;

  private SegmentPeer(Analytics analytics) {
    this.analytics = analytics;
  }

  /**
   * A client that uploads to {@code baseUrl}/v1/import/ (a local sink). Its sockets get TCP_NODELAY, the
   * same favour Trackweave's runtime gives itself, so Nagle's algorithm on loopback is not what is
   * measured. Everything else is Segment's default (batches of 250 messages, 10 s flush interval,
   * unbounded queue, one network thread).
   */
  public static SegmentPeer start(String baseUrl) {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .socketFactory(new NoDelaySocketFactory())
            .connectTimeout(15, TimeUnit.SECONDS)
            .readTimeout(15, TimeUnit.SECONDS)
            .writeTimeout(15, TimeUnit.SECONDS)
            .build();
    Analytics analytics = Analytics.builder("bench-write-key").endpoint(baseUrl).client(client).build();
    return new SegmentPeer(analytics);
  }

  /** One track call, as a Segment user makes it. */
  public void track(String event, String userId, String messageId, Map<String, ?> properties) {
    analytics.enqueue(
        TrackMessage.builder(event).userId(userId).messageId(messageId).properties(properties));
  }

  /** Asks Segment to upload what it holds (asynchronous, like Segment's own flush). */
  public void flush() {
    analytics.flush();
  }

  @Override
  public void close() {
    analytics.shutdown();
  }

  private static final class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory delegate = SocketFactory.getDefault();

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
