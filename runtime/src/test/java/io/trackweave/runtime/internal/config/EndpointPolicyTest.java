package io.trackweave.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointPolicyTest {
  /** Endpoints of every shape: plain ones the fast path reads, and tricky ones it must leave to OkHttp. */
  private static final String[] ENDPOINTS = {
    "http://localhost:8080", "http://LOCALHOST:8080/", "https://track.customer.io", "https://track-eu.customer.io/",
    "HTTPS://Track.Customer.IO/api", "http://127.0.0.1:1", "http://127.0.0.1:65535/a/b", "http://127.1:8080",
    "http://0x7f.0.0.1", "http://127.0.0.1.example.com:8080", "http://localhost.example.com", "http://10.0.0.5:8080",
    "https://10.0.0.5:8080", "http://127.0.0.256", "http://localhost.", "http://localhost:0", "http://localhost:65536",
    "http://localhost:", "http://localhost:80x", "http://-bad.example", "http://bad-.example", "http://a..b",
    "http://.a", "http://xn--bcher-kva.example", "http://b\u00fccher.example", "http://[::1]:8080", "http://[::1]",
    "http://user:pw@localhost:1", "http://evil.com\\@127.0.0.1", "http://127.0.0.1\\.evil.com",
    "http://evil.com#@127.0.0.1", "http://evil.com?@127.0.0.1", "http://localhost/@evil.com",
    "http://localhost/%2e%2e", "http://localhost/a?b", "http://localhost/#f", "http://exa mple.com", "http://",
    "https://:443", "ftp://example.com", "not-a-url", "localhost:8080", "track.customer.io", "http:/localhost",
    "http://localhost:8080/path;x=1/~u/!$&'()*+,=:@", "http://%6c%6fcalhost", "http://local%00host", "http://\tlocalhost",
    "http://localhost\u3002com", "http://" + "a".repeat(64) + ".example", "http://" + "a".repeat(63) + ".example",
  };

  @Test
  void aPlainEndpointIsReadAsOkHttpReadsIt() {
    int plain = 0;
    for (String e : ENDPOINTS) {
      EndpointPolicy.PlainUrl fast = EndpointPolicy.PlainUrl.parse(e.trim());
      if (fast == null) {
        continue; // OkHttp's parser decides, as before
      }
      plain++;
      HttpUrl url = HttpUrl.parse(e.endsWith("/") ? e : e + "/");
      assertThat(url).as(e).isNotNull();
      assertThat(fast.host()).as(e).isEqualTo(url.host());
      assertThat(fast.https()).as(e).isEqualTo(url.isHttps());
      assertThat(url.username() + url.password()).as(e).isEmpty();
      assertThat(url.query()).as(e).isNull();
      assertThat(url.fragment()).as(e).isNull();
    }
    assertThat(plain).as("endpoints read without OkHttp").isGreaterThanOrEqualTo(15);
  }

  @Test
  void whatIsNotPlainIsLeftToOkHttp() {
    for (String e : new String[] {"http://user:pw@localhost:1", "http://evil.com\\@127.0.0.1", "http://[::1]:8080",
        "http://b\u00fccher.example", "http://localhost/%2e%2e", "http://localhost/a?b", "http://localhost.",
        "http://localhost:0", "http://" + "a".repeat(64) + ".example", "http://evil.com#@127.0.0.1"}) {
      assertThat(EndpointPolicy.PlainUrl.parse(e)).as(e).isNull();
    }
  }

  @Test
  void everyEndpointGetsTheVerdictOkHttpsParserGives() {
    for (String e : ENDPOINTS) {
      assertThat(EndpointPolicy.syntaxProblem(e)).as(e).isEqualTo(viaOkHttp(e));
      if (viaOkHttp(e) == null) {
        HttpUrl url = HttpUrl.get(e.trim().endsWith("/") ? e.trim() : e.trim() + "/");
        boolean allowed = url.isHttps() || EndpointPolicy.isLoopback(url.host());
        assertThat(EndpointPolicy.problem(EndpointPolicy.baseUrl(e.trim(), null, null)) == null).as(e).isEqualTo(allowed);
      }
    }
  }

  /** The verdict before the fast path: OkHttp's parser for every endpoint. */
  private static String viaOkHttp(String endpoint) {
    String e = endpoint.trim();
    HttpUrl url = HttpUrl.parse(e.endsWith("/") ? e : e + "/");
    java.net.URI uri;
    try {
      uri = new java.net.URI(e);
    } catch (java.net.URISyntaxException ex) {
      uri = null;
    }
    if (url == null || uri == null || uri.getScheme() == null) {
      return "endpoint '" + endpoint + "' is not a URL: use an http(s) URL with a host, e.g."
          + " https://track.customer.io or http://localhost:8080";
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      return "endpoint must not carry user info; the credentials come from the site id and API key";
    }
    if (url.query() != null || url.fragment() != null) {
      return "endpoint '" + endpoint + "' must not have a query or fragment: it is a base URL";
    }
    return null;
  }

  @Test
  void settingsWithAPlainEndpointLoadNoOkHttpClass() throws Exception {
    // the runtime's classes in a loader that cannot see OkHttp (nor Kotlin, Okio): reading the settings
    // and judging a plain endpoint must not need them
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toURL());
    }
    try (URLClassLoader noOkHttp = new WithoutOkHttp(urls.toArray(URL[]::new))) {
      Class<?> config = noOkHttp.loadClass("io.trackweave.runtime.TrackweaveConfig");
      assertThat(config.getClassLoader()).isSameAs(noOkHttp);
      Method load = config.getDeclaredMethod("load", Map.class, Map.class, Map.class);
      load.setAccessible(true);
      for (String endpoint : new String[] {"http://localhost:8080", "https://track.customer.io", "http://10.0.0.5"}) {
        Object loaded = load.invoke(null,
            Map.of("CUSTOMERIO_SITE_ID", "s", "CUSTOMERIO_API_KEY", "k", "TRACKWEAVE_ENDPOINT", endpoint), Map.of(), Map.of());
        Object problem = config.getMethod("endpointProblem").invoke(loaded);
        if (endpoint.equals("http://10.0.0.5")) {
          assertThat((String) problem).contains("plain http");
        } else {
          assertThat(problem).as(endpoint).isNull();
        }
      }
      Object regionDefault = load.invoke(null, Map.of("CUSTOMERIO_SITE_ID", "s", "CUSTOMERIO_API_KEY", "k"), Map.of(), Map.of());
      assertThat(config.getMethod("endpointProblem").invoke(regionDefault)).isNull();
    }
  }

  /** Child-first over the test class path, refusing OkHttp, Okio and Kotlin. */
  private static final class WithoutOkHttp extends URLClassLoader {
    WithoutOkHttp(URL[] urls) throws MalformedURLException {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("okhttp3.") || name.startsWith("okio.") || name.startsWith("kotlin.")) {
        throw new ClassNotFoundException(name + " (hidden by the test: settings must not need it)");
      }
      return super.loadClass(name, resolve);
    }
  }
}
