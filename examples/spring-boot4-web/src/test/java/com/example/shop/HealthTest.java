package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.TrackApiEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code trackweave} component of Boot 4's {@code /actuator/health}, read over HTTP from the real application
 * on its embedded server: up with the runtime's counters while the emulator answers, degraded while it fails,
 * down when Customer.io rejects the credentials.
 *
 * <p>Each test runs its own application (with its own credentials) and closes it: generated mappers report to
 * the one runtime installed in the JVM, the last context's.
 */
class HealthTest {
  final TrackApiEmulator emulator = TrackApiEmulator.start();
  final HttpClient http = HttpClient.newHttpClient();
  ConfigurableApplicationContext app;
  JsonMapper json;
  String port;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    emulator.close();
  }

  private TrackweaveRuntime start(String apiKey) {
    app = SpringApplication.run(ShopApplication.class,
        "--server.port=0",
        "--trackweave.endpoint=" + emulator.endpoint(),
        "--trackweave.site.id=" + emulator.siteId(),
        "--trackweave.api.key=" + apiKey,
        "--trackweave.spool.enabled=false",
        "--trackweave.retry.initial.backoff=20ms",
        "--trackweave.retry.max.backoff=50ms",
        "--trackweave.retry.max.attempts=100");
    port = app.getEnvironment().getProperty("local.server.port");
    json = app.getBean(JsonMapper.class); // Boot 4's (Jackson 3)
    return app.getBean(TrackweaveRuntime.class);
  }

  private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void order(String customerId, String orderId) throws IOException, InterruptedException {
    HttpResponse<String> response = send("POST", "/customers/" + customerId + "/orders", "{\"orderId\":\"" + orderId + "\",\"total\":2}");
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private JsonNode trackweaveComponent(HttpResponse<String> health) {
    JsonNode component = json.readTree(health.body()).path("components").path("trackweave");
    assertThat(component.isMissingNode()).as("trackweave in %s", health.body()).isFalse();
    return component;
  }

  @Test
  void upWithTheRuntimesCountersWhileTheEmulatorAnswers() throws Exception {
    TrackweaveRuntime runtime = start(emulator.apiKey());
    order("45", "o-h");
    assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();

    HttpResponse<String> health = send("GET", "/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode trackweave = trackweaveComponent(health);
    assertThat(trackweave.path("status").asString()).isEqualTo("UP");
    JsonNode details = trackweave.path("details");
    assertThat(details.path("enabled").asBoolean()).isTrue();
    assertThat(details.path("endpoint").asString()).isEqualTo(emulator.endpoint());
    assertThat(details.path("enqueued").asLong()).isEqualTo(1);
    assertThat(details.path("delivered").asLong()).isEqualTo(1);
    assertThat(details.path("rejected").asLong()).isZero();
    assertThat(details.has("reason")).isFalse();
    assertThat(emulator.events()).extracting(e -> e.properties().get("order_id").asText()).containsExactly("o-h");
    // the component alone, at its own path
    assertThat(json.readTree(send("GET", "/actuator/health/trackweave", null).body()).path("status").asString()).isEqualTo("UP");
  }

  @Test
  void degradedWhileCustomerIoFailsThenUpAgain() throws Exception {
    TrackweaveRuntime runtime = start(emulator.apiKey());
    emulator.faults().failNext(1000, 503);
    order("46", "o-503");
    assertThat(runtime.flush(Duration.ofMillis(500)).complete()).isFalse(); // still retrying at the deadline

    HttpResponse<String> health = send("GET", "/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200); // DEGRADED ranks below UP in Boot's default order
    JsonNode degraded = trackweaveComponent(health);
    assertThat(degraded.path("status").asString()).isEqualTo("DEGRADED");
    assertThat(degraded.path("details").path("reason").asString()).startsWith("retrying without delivering");
    assertThat(degraded.path("details").path("retried").asLong()).isPositive();
    assertThat(degraded.path("details").path("delivered").asLong()).isZero();

    emulator.faults().clear();
    assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();
    JsonNode recovered = trackweaveComponent(send("GET", "/actuator/health", null));
    assertThat(recovered.path("status").asString()).isEqualTo("UP");
    assertThat(recovered.path("details").path("delivered").asLong()).isEqualTo(1);
  }

  @Test
  void downWhenCustomerIoRejectsTheCredentials() throws Exception {
    TrackweaveRuntime runtime = start("not-" + emulator.apiKey());
    order("47", "o-401");
    assertThat(runtime.flush(Duration.ofSeconds(5)).rejected()).isEqualTo(1);

    HttpResponse<String> health = send("GET", "/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(503); // DOWN counts in Boot's default order
    JsonNode trackweave = trackweaveComponent(health);
    assertThat(trackweave.path("status").asString()).isEqualTo("DOWN");
    assertThat(trackweave.path("details").path("reason").asString())
        .contains("rejected the credentials (unauthorized: 1, forbidden: 0)");
    assertThat(trackweave.path("details").path("delivered").asLong()).isZero();
    assertThat(trackweave.path("details").path("rejected").asLong()).isEqualTo(1);
    assertThat(health.body()).doesNotContain(emulator.apiKey()); // the key is never shown
    assertThat(emulator.events()).isEmpty();
  }
}
