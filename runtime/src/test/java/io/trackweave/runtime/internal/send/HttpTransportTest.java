package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.Stages;
import io.trackweave.runtime.TrackweaveConfig;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
  private static HttpTransport transport(String endpoint) {
    TrackweaveConfig config = TrackweaveConfig.builder()
        .spoolEnabled(false).siteId("site").apiKey("key").endpoint(endpoint).build();
    return new HttpTransport(Stages.http(config));
  }

  @Test
  void anHttpEndpointGetsACleartextClientWithoutTheTlsStack() {
    HttpTransport transport = transport("http://127.0.0.1:9/");
    try {
      OkHttpClient client = transport.clientFor(HttpUrl.get("http://127.0.0.1:9/api/v2/batch"));
      assertThat(client.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
      assertThat(client.x509TrustManager()).isNull();
    } finally {
      transport.close();
    }
  }

  @Test
  void anHttpsTargetFromAnHttpEndpointGetsATlsClientSharingPoolDispatcherAndTimeouts() {
    HttpTransport transport = transport("http://127.0.0.1:9/");
    try {
      OkHttpClient base = transport.clientFor(HttpUrl.get("http://127.0.0.1:9/api/v2/batch"));
      OkHttpClient tls = transport.clientFor(HttpUrl.get("https://track-eu.customer.io/api/v2/batch"));
      assertThat(tls).isNotSameAs(base);
      assertThat(tls.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
      assertThat(tls.x509TrustManager()).isNotNull();
      assertThat(tls.connectionPool()).isSameAs(base.connectionPool());
      assertThat(tls.dispatcher()).isSameAs(base.dispatcher());
      assertThat(tls.socketFactory()).isSameAs(base.socketFactory());
      assertThat(tls.followRedirects()).isFalse();
      assertThat(tls.retryOnConnectionFailure()).isFalse();
      assertThat(tls.callTimeoutMillis()).isEqualTo(base.callTimeoutMillis());
      assertThat(transport.clientFor(HttpUrl.get("https://track.customer.io/api/v2/batch"))).isSameAs(tls);
    } finally {
      transport.close();
    }
  }

  @Test
  void anHttpsEndpointUsesOneTlsClientForEverything() {
    HttpTransport transport = transport("https://track.customer.io/");
    try {
      OkHttpClient client = transport.clientFor(HttpUrl.get("https://track.customer.io/api/v2/batch"));
      assertThat(client.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
      assertThat(transport.clientFor(HttpUrl.get("https://track-eu.customer.io/api/v2/batch"))).isSameAs(client);
    } finally {
      transport.close();
    }
  }
}
