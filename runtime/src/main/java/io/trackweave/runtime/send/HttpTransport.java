package io.trackweave.runtime.send;

import io.trackweave.runtime.Region;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.metrics.ExitSafeLogger;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.ConnectionPool;
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

  private final OkHttpClient client;
  private final HttpUrl base;
  private final Region region;
  private final String authorization;
  /** Pipelines API: ask for real 400/401 answers instead of a 200 that silently drops the call. */
  private final boolean strictMode;
  private final String userAgent;
  private final AtomicBoolean hinted = new AtomicBoolean();

  public HttpTransport(TrackweaveConfig config) {
    this.base = HttpUrl.get(config.baseUrl() + "/");
    this.region = config.endpoint() == null ? config.region() : Region.ofHost(base.host());
    this.authorization = ApiAuth.authorization(config);
    this.strictMode = config.apiVersion() == io.trackweave.runtime.ApiVersion.PIPELINES;
    this.userAgent = "trackweave-java/" + version();
    this.client =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.callTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            // OkHttp would silently repeat some requests (a 408, a failed pooled connection); every
            // attempt goes through Delivery instead, so it is bounded, backed off and counted
            .retryOnConnectionFailure(false)
            .socketFactory(new NoDelaySocketFactory())
            .connectionPool(new ConnectionPool(config.senders() + 2, 5, TimeUnit.MINUTES))
            .build();
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
      try (Response response = client.newCall(rb.build()).execute()) {
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
