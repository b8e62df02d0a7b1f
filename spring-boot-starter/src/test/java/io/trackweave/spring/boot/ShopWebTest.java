package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.shop.ShopApplication;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PersonView;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Boot web application: embedded server, real HTTP requests (sent with the
 * application's own OkHttp 4, beside the runtime's relocated OkHttp 5), events asserted at the emulator.
 * This is also the documented recipe for pointing the runtime at the emulator: {@code @DynamicPropertySource}.
 */
@SpringBootTest(
    classes = ShopApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
class ShopWebTest {
  static final TrackApiEmulator emulator = TrackApiEmulator.start();
  static final OkHttpClient http = new OkHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @DynamicPropertySource
  static void trackweave(DynamicPropertyRegistry registry) {
    registry.add("trackweave.endpoint", emulator::endpoint);
    registry.add("trackweave.site.id", emulator::siteId);
    registry.add("trackweave.api.key", emulator::apiKey);
    registry.add("trackweave.flush.interval", () -> "50ms");
    registry.add("trackweave.spool.enabled", () -> "false");
    registry.add("trackweave.name", () -> "shop");
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @LocalServerPort int port;
  @Autowired TrackweaveRuntime runtime;
  @Autowired MeterRegistry meters;

  @BeforeEach
  void emptyEmulator() {
    runtime.flush(Duration.ofSeconds(5));
    emulator.reset();
  }

  private int post(String path) throws IOException {
    Request request = new Request.Builder().url("http://localhost:" + port + path).post(RequestBody.create(new byte[0])).build();
    try (Response response = http.newCall(request).execute()) {
      return response.code();
    }
  }

  private JsonNode get(String path) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url("http://localhost:" + port + path).build()).execute()) {
      return json.readTree(response.body().string());
    }
  }

  @Test
  void anHttpRequestTracksTheAnnotatedBeanMethodOnce() throws IOException {
    assertThat(post("/customers/c-1?email=ada@example.com")).isEqualTo(200);
    assertThat(post("/customers/c-1/orders/o-1?total=12.5")).isEqualTo(200);
    assertThat(runtime.flush(Duration.ofSeconds(5)).complete()).isTrue();

    PersonView person = emulator.person("c-1").orElseThrow();
    assertThat(person.attributes().get("email").asText()).isEqualTo("ada@example.com");
    assertThat(emulator.events()).hasSize(1);
    EventView event = person.events().get(0);
    assertThat(event.name()).isEqualTo("order_completed");
    assertThat(event.properties()).isEqualTo(json.readTree("{\"order_id\":\"o-1\",\"total\":12.5}"));
  }

  @Test
  void aThrowingMethodTracksNothingAndTheCallerSeesItsException() throws IOException {
    assertThat(post("/customers/c-2/orders/o-2?total=-1")).isEqualTo(500);
    runtime.flush(Duration.ofSeconds(5));
    assertThat(emulator.events()).isEmpty();
  }

  @Test
  void selfInvocationIsInvisibleToTheProxy() throws IOException {
    assertThat(post("/customers/c-3/orders/o-3/internal?total=1")).isEqualTo(200);
    runtime.flush(Duration.ofSeconds(5));
    assertThat(emulator.events()).isEmpty(); // documented: calls on `this` bypass the proxy
  }

  @Test
  void healthAndMetersReportTheRuntimesCountsByValue() throws IOException {
    long deliveredBefore = runtime.metrics().delivered();
    post("/customers/c-4/orders/o-4?total=3");
    post("/customers/c-4/orders/o-5?total=4");
    runtime.flush(Duration.ofSeconds(5));
    long delivered = runtime.metrics().delivered();
    assertThat(delivered - deliveredBefore).isEqualTo(2);

    JsonNode health = get("/actuator/health/trackweave");
    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.get("details").get("delivered").asLong()).isEqualTo(delivered);
    assertThat(health.get("details").get("name").asText()).isEqualTo("shop");
    assertThat(health.get("details").get("endpoint").asText()).isEqualTo(emulator.endpoint());

    assertThat(meters.get("trackweave.operations").tags("runtime", "shop", "outcome", "delivered").functionCounter().count())
        .isEqualTo((double) delivered);
    assertThat(meters.get("trackweave.operations").tags("outcome", "enqueued").functionCounter().count())
        .isEqualTo((double) runtime.metrics().enqueued());
    assertThat(meters.get("trackweave.queue.bytes").gauge().value()).isZero();
    assertThat(meters.get("trackweave.batch.latency").functionTimer().count()).isEqualTo(runtime.metrics().batchLatencyCount());
  }

  @Test
  void theApplicationsOwnOkHttpAndJacksonAreBootsNotTheRuntimes() {
    assertThat(okhttp3.OkHttp.VERSION).startsWith("4.");
    // the runtime's copies live under its own package, so neither side sees the other's
    assertThat(TrackweaveRuntime.class.getClassLoader().getResource("io/trackweave/runtime/shaded/okhttp3/OkHttpClient.class")).isNotNull();
    assertThat(OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString()).contains("okhttp-4.");
  }
}
