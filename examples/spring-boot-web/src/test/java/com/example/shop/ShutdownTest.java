package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.TrackApiEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The last events of a stopping service are delivered while its context closes. */
class ShutdownTest {
  @Test
  void closingTheApplicationDeliversWhatIsStillQueued() throws Exception {
    try (TrackApiEmulator emulator = TrackApiEmulator.start()) {
      ConfigurableApplicationContext app = SpringApplication.run(ShopApplication.class,
          "--server.port=0",
          "--trackweave.endpoint=" + emulator.endpoint(),
          "--trackweave.site.id=" + emulator.siteId(),
          "--trackweave.api.key=" + emulator.apiKey(),
          "--trackweave.spool.enabled=false",
          "--trackweave.flush.interval=1h"); // nothing is sent before the close
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/customers/44/orders"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"o-last\",\"total\":1}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(emulator.events()).isEmpty();

      app.close();

      assertThat(emulator.events()).extracting(e -> e.properties().get("order_id").asText()).containsExactly("o-last");
    }
  }
}
