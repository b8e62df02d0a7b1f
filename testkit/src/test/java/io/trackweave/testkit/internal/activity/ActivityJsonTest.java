package io.trackweave.testkit.internal.activity;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActivityJsonTest {
  static TrackApiEmulator emulator;
  static ApiClient api;

  @BeforeAll
  static void start() {
    emulator = TrackApiEmulator.builder().maxEvents(3).start();
    api = new ApiClient(emulator);
    api.put("/api/v1/customers/42", json("{'email':'j@x.io','plan':'gold'}"));
    for (int i = 0; i < 4; i++) {
      api.post("/api/v1/customers/42/events", json("{'name':'e" + i + "','data':{'n':" + i + "}}"));
    }
    api.post("/api/v1/events", json("{'name':'guest_event','anonymous_id':'g-1'}"));
    api.post("/api/v1/customers/7/suppress", null);
    api.put("/api/v1/customers/42/devices", json("{'device':{'id':'tok','platform':'android'}}"));
    new ApiClient(emulator).credentials("x", "y").put("/api/v1/customers/1", "{}");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void servesTheWholeModelAsJson() {
    ApiClient.Reply reply = api.get("/activity");
    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode a = reply.json();

    assertThat(a.at("/emulator/plan").isNull()).isTrue();
    assertThat(a.at("/counts/people").asInt()).isEqualTo(1);
    assertThat(a.at("/counts/events").asInt()).isEqualTo(3);
    assertThat(a.at("/counts/evicted").asInt()).isEqualTo(2);
    assertThat(a.at("/counts/calls").asInt()).isEqualTo(9);
    assertThat(a.at("/counts/failed_calls").asInt()).isEqualTo(1);

    JsonNode person = a.at("/people/0");
    assertThat(person.get("id").asText()).isEqualTo("42");
    assertThat(person.get("email").asText()).isEqualTo("j@x.io");
    assertThat(person.at("/attributes/plan").asText()).isEqualTo("gold");
    assertThat(person.at("/devices/0/token").asText()).isEqualTo("tok");
    assertThat(person.get("events").findValuesAsText("name")).containsExactly("e2", "e3");
    assertThat(person.at("/events/1/properties/n").asInt()).isEqualTo(3);
    assertThat(person.at("/events/1/violations").isArray()).isTrue();

    assertThat(a.at("/anonymous/0/anonymous_id").asText()).isEqualTo("g-1");
    assertThat(a.at("/suppressed/0/value").asText()).isEqualTo("7");
    // newest call first
    assertThat(a.at("/calls/0/status").asInt()).isEqualTo(401);
    assertThat(a.at("/calls/1/path").asText()).isEqualTo("/api/v1/customers/42/devices");
    assertThat(a.at("/calls/1/operations/0/outcome").asText()).contains("device added");
  }

  @Test
  void servesObjectsWithTheirRelationshipsAndEachPersonsRelationships() {
    try (TrackApiEmulator own = TrackApiEmulator.start()) {
      ApiClient client = new ApiClient(own);
      client.post("/api/v2/entity", json("{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
          + "'action':'identify','attributes':{'name':'Acme'},"
          + "'cio_relationships':[{'identifiers':{'id':'42'},'relationship_attributes':{'role':'admin'}}]}"));
      JsonNode a = client.get("/activity").json();
      assertThat(a.at("/counts/objects").asInt()).isEqualTo(1);
      assertThat(a.at("/counts/relationships").asInt()).isEqualTo(1);
      JsonNode object = a.at("/objects/0");
      assertThat(object.get("object_type_id").asText()).isEqualTo("1");
      assertThat(object.get("object_id").asText()).isEqualTo("acme");
      assertThat(object.get("cio_object_id").asText()).startsWith("ob");
      assertThat(object.at("/attributes/name").asText()).isEqualTo("Acme");
      assertThat(object.at("/relationships/0/person/id").asText()).isEqualTo("42");
      assertThat(object.at("/relationships/0/attributes/role").asText()).isEqualTo("admin");
      assertThat(a.at("/people/0/relationships/0/object_id").asText()).isEqualTo("acme");
      assertThat(a.at("/people/0/relationships/0/attributes/role").asText()).isEqualTo("admin");
    }
  }

  @Test
  void limitsEventsPerPersonOnRequest() {
    JsonNode a = api.get("/activity?events=1").json();
    assertThat(a.at("/people/0/events")).hasSize(1);
    assertThat(a.at("/people/0/events/0/name").asText()).isEqualTo("e3");
  }

  @Test
  void thePageAndItsAssetsCarryAStrictContentSecurityPolicy() {
    ApiClient.Reply page = api.get("/");
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(page.body).contains("/activity.js").doesNotContain("<script>");
    assertThat(api.get("/activity.js").header("Content-Type")).startsWith("text/javascript");
    assertThat(api.get("/activity.css").status).isEqualTo(200);
    assertThat(api.get("/nope").status).isEqualTo(404);
    assertThat(api.post("/activity", "{}").status).isEqualTo(405);
  }
}
