package io.trackweave.testkit.internal.http;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.support.ApiClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthAndLimitsTest {
  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.create().withoutRuntime()
      .configureEmulator(b -> b.credentials("site-1", "key-1"));

  TrackApiEmulator emulator;

  @BeforeEach
  void connect() {
    emulator = testkit.emulator();
  }

  @Test
  void wrongOrMissingCredentialsAre401() {
    ApiClient wrong = new ApiClient(emulator).credentials("site-1", "key-2");
    ApiClient.Reply reply = wrong.put("/api/v1/customers/42", "{}");
    assertThat(reply.status).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(new ApiClient(emulator).credentials(null, null).put("/api/v1/customers/42", "{}").status).isEqualTo(401);
    assertThat(new ApiClient(emulator).credentials("site-2", "key-1").post("/api/v2/batch", "{\"batch\":[]}").status).isEqualTo(401);
    assertThat(emulator.people()).isEmpty();
    assertThat(emulator.calls()).allSatisfy(c -> assertThat(c.error()).contains("unauthorized"));

    assertThat(new ApiClient(emulator).put("/api/v1/customers/42", "{}").status).isEqualTo(200);
    assertThat(emulator.people()).hasSize(1);
  }

  @Test
  void theActivityLogNeedsNoCredentials() {
    ApiClient anonymous = new ApiClient(emulator).credentials(null, null);
    assertThat(anonymous.get("/activity").status).isEqualTo(200);
    assertThat(anonymous.get("/").status).isEqualTo(200);
  }

  @Test
  void operationsOver32KbAre413() {
    ApiClient api = new ApiClient(emulator);
    String big = "x".repeat(33 * 1024);
    assertThat(api.put("/api/v1/customers/42", json("{'blob':'" + big + "'}")).status).isEqualTo(413);
    ApiClient.Reply entity = api.post("/api/v2/entity",
        json("{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'blob':'" + big + "'}}"));
    assertThat(entity.status).isEqualTo(413);
    assertThat(entity.json().at("/errors/0/message").asText()).contains("32 KB");
    // just under the limit is fine
    assertThat(api.put("/api/v1/customers/42", json("{'blob':'" + "x".repeat(32 * 1024 - 20) + "'}")).status).isEqualTo(200);
  }

  @Test
  void batchesOver500KbAre413AndOversizedItemsAre207() {
    ApiClient api = new ApiClient(emulator);
    StringBuilder batch = new StringBuilder("{'batch':[");
    String blob = "y".repeat(20 * 1024);
    for (int i = 0; i < 26; i++) {
      batch.append(i == 0 ? "" : ",").append("{'type':'person','identifiers':{'id':'p").append(i)
          .append("'},'action':'identify','attributes':{'blob':'").append(blob).append("'}}");
    }
    batch.append("]}");
    assertThat(api.post("/api/v2/batch", json(batch.toString())).status).isEqualTo(413);
    assertThat(emulator.people()).isEmpty();

    String oversized = json("{'batch':[{'type':'person','identifiers':{'id':'a'},'action':'identify'},"
        + "{'type':'person','identifiers':{'id':'b'},'action':'identify','attributes':{'blob':'" + "z".repeat(33 * 1024) + "'}}]}");
    ApiClient.Reply reply = api.post("/api/v2/batch", oversized);
    assertThat(reply.status).isEqualTo(207);
    assertThat(reply.json().at("/errors/0/batch_index").asInt()).isEqualTo(1);
    assertThat(emulator.people()).hasSize(1);
  }

  @Test
  void gzipBodiesAreAcceptedAndLimitedByTheirDecodedSize() throws Exception {
    ApiClient api = new ApiClient(emulator);
    String body = json("{'batch':[{'type':'person','identifiers':{'id':'gz'},'action':'identify','attributes':{'zipped':true}}]}");
    ApiClient.Reply reply = api.sendOrThrow("POST", "/api/v2/batch", body.getBytes(StandardCharsets.UTF_8), true);
    assertThat(reply.status).isEqualTo(200);
    assertThat(emulator.person("gz")).isPresent();

    // 600 KB of JSON that compresses to a few KB is still over the batch limit
    String bomb = json("{'batch':[{'type':'person','identifiers':{'id':'b'},'action':'identify','attributes':{'pad':'"
        + " ".repeat(600 * 1024) + "'}}]}");
    assertThat(api.sendOrThrow("POST", "/api/v2/batch", bomb.getBytes(StandardCharsets.UTF_8), true).status).isEqualTo(413);
  }
}
