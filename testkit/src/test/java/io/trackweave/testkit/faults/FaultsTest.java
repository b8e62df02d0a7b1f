package io.trackweave.testkit.faults;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.support.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {
  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.create().withoutRuntime();

  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void connect() {
    emulator = testkit.emulator();
    api = new ApiClient(emulator);
  }

  @Test
  void failsTheNextCallsWithStatusAndRetryAfterThenRecovers() {
    emulator.faults().failNext(2, 503, Duration.ofSeconds(7)).failNext(1, 429);
    ApiClient.Reply first = api.put("/api/v1/customers/1", "{}");
    assertThat(first.status).isEqualTo(503);
    assertThat(first.header("Retry-After")).isEqualTo("7");
    assertThat(api.put("/api/v1/customers/1", "{}").status).isEqualTo(503);
    ApiClient.Reply third = api.put("/api/v1/customers/1", "{}");
    assertThat(third.status).isEqualTo(429);
    assertThat(third.header("Retry-After")).isNull();
    assertThat(emulator.people()).as("failed calls are not applied").isEmpty();

    assertThat(api.put("/api/v1/customers/1", "{}").status).isEqualTo(200);
    assertThat(emulator.people()).hasSize(1);
    assertThat(emulator.faults().injected()).isEqualTo(3);
    assertThat(emulator.faults().pending()).isZero();
  }

  @Test
  void resetClosesTheConnectionWithoutAResponse() {
    emulator.faults().resetNext(1);
    byte[] body = json("{'batch':[{'type':'person','identifiers':{'id':'r'},'action':'identify'}]}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> api.sendOrThrow("POST", "/api/v2/batch", body, false)).isInstanceOf(IOException.class);
    assertThat(emulator.people()).isEmpty();
    assertThat(emulator.calls()).singleElement().satisfies(c -> {
      assertThat(c.status()).isZero();
      assertThat(c.error()).contains("reset");
    });
    assertThat(api.post("/api/v2/batch", new String(body, StandardCharsets.UTF_8)).status).isEqualTo(200);
    assertThat(emulator.people()).hasSize(1);
  }

  @Test
  void latencyDelaysEveryCallUntilCleared() {
    emulator.faults().latency(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThat(api.put("/api/v1/customers/1", "{}").status).isEqualTo(200);
    // a lower bound only: the emulator sleeps at least this long before answering
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    emulator.faults().clear();
    assertThat(emulator.faults().latency()).isZero();
  }

  @Test
  void faultsNeverTouchTheActivityLog() {
    emulator.faults().failNext(1, 500);
    assertThat(api.get("/activity").status).isEqualTo(200);
    assertThat(emulator.faults().pending()).isEqualTo(1);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> emulator.faults().failNext(0, 503)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.faults().failNext(1, 200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.faults().latency(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
