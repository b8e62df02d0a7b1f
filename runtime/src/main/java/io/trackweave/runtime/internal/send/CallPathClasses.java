package io.trackweave.runtime.internal.send;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/**
 * The classes OkHttp's first call loads (the call, its interceptor chain, route planning, the connect,
 * the HTTP/1.1 codec) and the JDK's socket classes under them, loaded ahead of that call on a thread
 * that has nothing else to do. A short-lived JVM makes its first request at exit, where these ~150
 * classes were loaded one after another on the sender's thread, after the client itself.
 *
 * <p>Loading and initialising them has no effect beyond the classes themselves: nothing connects, no
 * thread starts. Names are resolved against the packages OkHttp and Okio actually live in (relocated
 * inside the agent's jar), and a name a future OkHttp no longer has is skipped.
 */
public final class CallPathClasses {
  private static final String[] OKHTTP = {
    "internal.connection.RealCall", "internal.connection.ExchangeFinder", "internal.connection.RealConnection",
    "internal.connection.Exchange", "internal.http.RetryAndFollowUpInterceptor", "internal.http.BridgeInterceptor",
    "internal.cache.CacheInterceptor", "internal.connection.ConnectInterceptor", "internal.http.CallServerInterceptor",
    "internal.http.RealInterceptorChain", "internal.connection.RealRoutePlanner",
    "internal.connection.FastFallbackExchangeFinder", "internal.cache.CacheStrategy$Factory", "CacheControl",
    "internal.connection.RouteSelector", "Route", "internal.connection.ConnectPlan", "internal.connection.FailedPlan",
    "internal.connection.BufferedSocketKt", "internal.connection.BufferedSocket",
    "internal.connection.RoutePlanner$ConnectResult", "internal.http1.Http1ExchangeCodec",
    "internal.http1.HeadersReader", "internal.http.RequestLine", "internal.connection.RealCall$CallReference",
    "internal.http.HttpHeaders", "internal.http.RealResponseBody", "internal.http.StatusLine", "Response$Builder",
    "internal.http1.Http1ExchangeCodec$FixedLengthSource", "ResponseBody",
  };
  private static final String[] OKIO = {
    "AsyncTimeout", "AsyncTimeout$Watchdog", "Okio", "internal.DefaultSocket", "internal.SocketAsyncTimeout",
    "RealBufferedSource", "RealBufferedSink", "ForwardingTimeout", "ForwardingSink", "ForwardingSource",
  };
  private static final String[] JDK = {
    "java.net.Socket", "sun.nio.ch.NioSocketImpl", "java.net.SocksSocketImpl", "sun.nio.ch.Net",
    "jdk.net.ExtendedSocketOptions", "sun.nio.ch.SocketOptionRegistry", "sun.net.NetHooks",
    "java.net.InetSocketAddress", "sun.net.spi.DefaultProxySelector",
  };

  private CallPathClasses() {}

  /** Loads and initialises them; returns how many were found (the rest are skipped). */
  public static int load() {
    ClassLoader loader = CallPathClasses.class.getClassLoader();
    int found = 0;
    for (String name : clientNames()) {
      found += load(name, loader);
    }
    for (String name : JDK) {
      found += load(name, null);
    }
    return found;
  }

  private static int load(String name, ClassLoader loader) {
    try {
      Class.forName(name, true, loader);
      return 1;
    } catch (ClassNotFoundException | LinkageError | SecurityException skipped) {
      return 0; // a later OkHttp, or a JDK without it: the first call loads what it needs itself
    }
  }

  /** OkHttp's and Okio's classes, by their names in the packages they live in here. */
  static List<String> clientNames() {
    List<String> names = new ArrayList<>();
    String okhttp = OkHttpClient.class.getPackageName() + ".";
    for (String n : OKHTTP) {
      names.add(okhttp + n);
    }
    String okio = okioPackage();
    if (okio != null) {
      for (String n : OKIO) {
        names.add(okio + "." + n);
      }
    }
    return names;
  }

  /**
   * Okio's package as OkHttp sees it (relocated with it inside the agent's jar), read off OkHttp's own API
   * ({@code RequestBody.writeTo(BufferedSink)}): the runtime's code uses OkHttp's API only, never Okio's.
   */
  private static String okioPackage() {
    for (Method m : RequestBody.class.getMethods()) {
      if (m.getName().equals("writeTo") && m.getParameterCount() == 1) {
        return m.getParameterTypes()[0].getPackageName();
      }
    }
    return null;
  }

  /** The JDK's socket classes. */
  static List<String> jdkNames() {
    return List.of(JDK);
  }
}
