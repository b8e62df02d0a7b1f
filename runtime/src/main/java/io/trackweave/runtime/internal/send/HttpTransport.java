package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.Region;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One HTTP exchange with the Track or Pipelines API over OkHttp: Basic auth (see {@link ApiAuth}), optional gzip body, and redirects
 * followed by hand (see {@link RedirectPolicy}): only a 307 or 308, only to the configured origin or to
 * Customer.io over https; any other redirect is answered as refused, and the body is not sent on.
 * Thread-safe; sender threads share it.
 */
public final class HttpTransport implements AutoCloseable {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final byte[] EMPTY = new byte[0];
  private static final int MAX_REDIRECTS = 5;
  private static final long MAX_BODY_READ = 64 * 1024;

  /** The client for the configured base URL; cleartext-only when that is http (see the constructor). */
  private final OkHttpClient client;
  /** For https targets when the base is http (a redirect to Customer.io): made on first need. */
  private volatile OkHttpClient tlsClient; // written under this
  private final HttpUrl base;
  private final Region region;
  private final String authorization;
  /** Pipelines API: ask for real 400/401 answers instead of a 200 that silently drops the call. */
  private final boolean strictMode;
  private final String userAgent;
  private final AtomicBoolean hinted = new AtomicBoolean();

  public HttpTransport(HttpSettings settings) {
    this.base = HttpUrl.get(settings.baseUrl() + "/");
    this.region = settings.customEndpoint() ? Region.ofHost(base.host()) : settings.region();
    this.authorization = ApiAuth.authorization(settings);
    this.strictMode = settings.apiVersion() == io.trackweave.runtime.ApiVersion.PIPELINES;
    this.userAgent = "trackweave-java/" + version();
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            // OkHttp would silently repeat some requests (a 408, a failed pooled connection); every
            // attempt goes through RetryingExchange instead, so it is bounded, backed off and counted
            .retryOnConnectionFailure(false)
            .socketFactory(new NoDelaySocketFactory())
            .connectionPool(new ConnectionPool(settings.connections() + 2, 5, TimeUnit.MINUTES));
    if (!base.isHttps()) {
      // a TLS-capable client loads the JDK's trust store and TLS stack as it is built (hundreds of ms on
      // a cold JVM, paid before the first request, i.e. at exit for a short-lived one); an http endpoint
      // (an emulator, a local relay) never needs them unless a redirect leads to https
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    this.client = builder.build();
  }

  /** The client for {@code url}: the base client, or for https when the base is http, a TLS one sharing its pool. */
  OkHttpClient clientFor(HttpUrl url) {
    if (!url.isHttps() || base.isHttps()) {
      return client;
    }
    OkHttpClient tls = tlsClient;
    if (tls == null) {
      synchronized (this) {
        tls = tlsClient;
        if (tls == null) {
          // same dispatcher, pool, timeouts and socket factory; OkHttp's default specs (TLS and cleartext)
          tls = client.newBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT)).build();
          tlsClient = tls;
        }
      }
    }
    return tls;
  }

  /**
   * Loads and links the HTTP client's classes (OkHttp, Okio, Kotlin) by building a cleartext client and
   * one request, and drops both; nothing is connected or sent. For a thread that can do this beside the
   * runtime's own start, so the first sender finds them ready (a cold JVM takes hundreds of ms for them,
   * which a short-lived JVM would otherwise pay at exit, before its first request).
   */
  public static void warmUp() {
    new OkHttpClient.Builder()
        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
        .followRedirects(false)
        .retryOnConnectionFailure(false)
        .socketFactory(new NoDelaySocketFactory())
        .build();
    new Request.Builder().url("http://localhost/api/v2/batch").header("Content-Encoding", "gzip")
        .post(RequestBody.create(EMPTY, JSON, 0, 0)).build();
  }

  private static String version() {
    String v = HttpTransport.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** {@code path} relative to the base URL, already percent-encoded, e.g. {@code api/v2/batch}. */
  public HttpUrl url(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    HttpUrl url = base.resolve(p);
    if (url == null) {
      throw new IllegalArgumentException("bad path " + path);
    }
    return url;
  }

  /**
   * Sends one request and returns the final answer after redirects. Throws only {@link IOException}
   * (no answer at all).
   */
  public Answer execute(String method, HttpUrl url, byte[] body, int length, boolean gzipped) throws IOException {
    HttpUrl target = url;
    for (int hop = 0; ; hop++) {
      Request.Builder rb = new Request.Builder().url(target).header("User-Agent", userAgent)
          .header("Authorization", authorization); // only trusted targets are ever reached (RedirectPolicy)
      if (strictMode) {
        rb.header(ApiAuth.STRICT_MODE_HEADER, "1");
      }
      RequestBody requestBody = null;
      if (body != null) {
        requestBody = RequestBody.create(body, JSON, 0, length);
        if (gzipped) {
          rb.header("Content-Encoding", "gzip");
        }
      } else if (method.equals("POST") || method.equals("PUT")) {
        requestBody = RequestBody.create(EMPTY, null, 0, 0);
      }
      rb.method(method, requestBody);
      try (Response response = clientFor(target).newCall(rb.build()).execute()) {
        int code = response.code();
        String location = response.header("Location");
        HttpUrl next = isRedirect(code) && location != null ? target.resolve(location) : null;
        if (next != null) {
          String refusal = hop >= MAX_REDIRECTS
              ? "more than " + MAX_REDIRECTS + " redirects; the calls were not sent"
              : RedirectPolicy.refusal(base, code, next);
          if (refusal != null) {
            return Answer.redirectRefused(code, refusal);
          }
          String hint = RedirectPolicy.regionHint(region, next);
          if (hint != null && hinted.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, hint);
          }
          target = next;
          continue;
        }
        String text = code == 200 || code == 204 ? "" : response.peekBody(MAX_BODY_READ).string();
        return Answer.answered(code, response.header("Retry-After"), text);
      }
    }
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /** Aborts every request in flight (closing): a sender blocked on a socket read gets an IOException. */
  public void cancelAll() {
    client.dispatcher().cancelAll();
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
