package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.spring.boot.shop.ShopApplication;
import io.trackweave.testkit.TrackApiEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the context delivers the last events (the flush interval is an hour: only the close sends them). */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTest {
  private final TrackApiEmulator emulator = TrackApiEmulator.start();

  @AfterEach
  void stop() {
    emulator.close();
  }

  private ConfigurableApplicationContext start(String... more) {
    return new SpringApplicationBuilder(ShopApplication.class)
        .properties(
            "server.port=0",
            "spring.main.banner-mode=off",
            "trackweave.endpoint=" + emulator.endpoint(),
            "trackweave.site.id=" + emulator.siteId(),
            "trackweave.api.key=" + emulator.apiKey(),
            "trackweave.flush.interval=1h",
            "trackweave.spool.enabled=false",
            "trackweave.jmx=false")
        .properties(more)
        .run();
  }

  private static void order(ConfigurableApplicationContext context, String id) throws Exception {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/customers/c-9/orders/" + id + "?total=2"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void theLastEventsAreDeliveredWhenTheContextCloses(CapturedOutput output) throws Exception {
    ConfigurableApplicationContext context = start();
    order(context, "o-1");
    order(context, "o-2");
    assertThat(emulator.events()).isEmpty(); // held: the batch waits for its interval

    context.close();

    assertThat(emulator.events()).extracting(e -> e.properties().get("order_id").asText()).containsExactly("o-1", "o-2");
    assertThat(output.getOut() + output.getErr()).contains("Trackweave: flushed and closed: delivered 2, rejected 0, dropped 0");
  }

  @Test
  void whatCouldNotBeDeliveredInTimeIsLogged(CapturedOutput output) throws Exception {
    ConfigurableApplicationContext context = start("trackweave.shutdown.timeout=300ms");
    order(context, "o-3");
    emulator.faults().latency(Duration.ofSeconds(3)); // Customer.io too slow for the shutdown deadline

    context.close();

    assertThat(output.getOut() + output.getErr())
        .contains("Trackweave: closed with calls not delivered")
        .contains("300 ms deadline");
    assertThat(emulator.events()).isEmpty();
  }
}
