package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.EventView;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real application on its embedded server, driven over HTTP; the events are asserted at the emulator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {
  static final TrackApiEmulator emulator = TrackApiEmulator.start();
  static final OkHttpClient http = new OkHttpClient();
  static final MediaType JSON = MediaType.get("application/json");

  /** Points the application's runtime at the emulator. */
  @DynamicPropertySource
  static void trackweave(DynamicPropertyRegistry registry) {
    registry.add("trackweave.endpoint", emulator::endpoint);
    registry.add("trackweave.site.id", emulator::siteId);
    registry.add("trackweave.api.key", emulator::apiKey);
    registry.add("trackweave.spool.enabled", () -> "false");
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @LocalServerPort int port;
  @Autowired TrackweaveRuntime runtime;
  @Autowired ObjectMapper json; // Boot's
  @Autowired Checkout checkout;

  @BeforeEach
  void emptyEmulator() {
    runtime.flush(Duration.ofSeconds(5));
    emulator.reset();
  }

  private String post(String path, String body, MediaType type) throws IOException {
    Request request = new Request.Builder().url("http://localhost:" + port + path).post(RequestBody.create(body, type)).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  @Test
  void anOrderOverHttpIsTrackedExactlyOnce() throws IOException {
    post("/customers/42", "ada@example.com", MediaType.get("text/plain"));
    String confirmation = post("/customers/42/orders", "{\"orderId\":\"o-1\",\"total\":12.5}", JSON);
    assertThat(json.readTree(confirmation).get("status").asText()).isEqualTo("completed");

    assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();
    assertThat(emulator.person("42").orElseThrow().attributes().get("email").asText()).isEqualTo("ada@example.com");
    assertThat(emulator.events()).hasSize(1);
    EventView event = emulator.events().get(0);
    assertThat(event.name()).isEqualTo("order_completed");
    assertThat(event.properties().toString()).isEqualTo("{\"order_id\":\"o-1\",\"total\":12.5}");
    assertThat(event.violations()).isEmpty();
  }

  @Test
  void theStarterProxiesTheBeanOnlyWithoutTheAgent() {
    boolean agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-javaagent:"));
    assertThat(AopUtils.isAopProxy(checkout)).isEqualTo(!agent); // with the agent, its woven code reports the calls
  }

  @Test
  void healthReportsTheDeliveries() throws IOException {
    post("/customers/43/orders", "{\"orderId\":\"o-2\",\"total\":3}", JSON);
    runtime.flush(Duration.ofSeconds(5));
    try (Response response = http.newCall(new Request.Builder().url("http://localhost:" + port + "/actuator/health/trackweave").build()).execute()) {
      JsonNode health = json.readTree(response.body().string());
      assertThat(health.get("status").asText()).isEqualTo("UP");
      assertThat(health.get("details").get("delivered").asLong()).isEqualTo(runtime.metrics().delivered());
    }
  }

  @Test
  void bootsOwnJacksonAndTheApplicationsOkHttp4RunBesideTheRuntime() {
    assertThat(okhttp3.OkHttp.VERSION).startsWith("4.12");
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).startsWith("2.19"); // Boot 3.5's
  }
}
