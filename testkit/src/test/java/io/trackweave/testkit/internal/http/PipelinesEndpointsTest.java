package io.trackweave.testkit.internal.http;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.support.ApiClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's Data Pipelines API: every request body here is first checked against Customer.io's
 * Pipelines OpenAPI document, then sent; the people model, the activity log and strict mode answer as
 * the API does.
 */
class PipelinesEndpointsTest {
  private static final String SPEC = "classpath:customerio-pipelines-api.openapi.json";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void start() {
    emulator = TrackApiEmulator.start();
    api = new ApiClient(emulator).pipelinesKey(emulator.pipelinesApiKey()).header("X-Strict-Mode", "1");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** The body must pass the spec's schema at {@code pointer} before it is sent. */
  static String valid(String pointer, String body) {
    assertThat(REGISTRY.getSchema(SchemaLocation.of(SPEC + "#" + pointer)).validate(body, InputFormat.JSON))
        .as("spec errors of %s", body).isEmpty();
    return body;
  }

  static String endpoint(String path) {
    return "/paths/~1" + path + "/post/requestBody/content/application~1json/schema";
  }

  @Test
  void singleCallsLandInThePeopleModel() {
    assertThat(api.post("/v1/identify", valid(endpoint("identify"),
        json("{'userId':'42','traits':{'email':'jane@example.com','plan':'pro'}}"))).status).isEqualTo(200);
    assertThat(api.post("/v1/track", valid(endpoint("track"),
        json("{'type':'track','userId':'42','event':'order_completed','properties':{'total':12.5},"
            + "'timestamp':'2023-11-14T22:13:20Z'}"))).status).isEqualTo(200);
    assertThat(api.post("/v1/track", valid(endpoint("track"),
        json("{'type':'track','anonymousId':'anon-1','event':'page_viewed'}"))).status).isEqualTo(200);
    assertThat(api.post("/v1/page", valid("/components/schemas/page/oneOf/0",
        json("{'userId':'42','name':'home'}"))).status).isEqualTo(200);
    assertThat(api.post("/v1/group", valid("/components/schemas/group/oneOf/0",
        json("{'userId':'42','groupId':'acme','traits':{'name':'Acme'}}"))).status).isEqualTo(200);

    PersonView jane = emulator.person("42").orElseThrow();
    assertThat(jane.attributes().get("plan").asText()).isEqualTo("pro");
    assertThat(emulator.person("jane@example.com")).isPresent();
    assertThat(jane.events()).extracting(e -> e.name()).contains("order_completed", "home");
    assertThat(jane.events()).filteredOn(e -> e.name().equals("order_completed"))
        .singleElement().satisfies(e -> assertThat(e.timestamp()).isEqualTo(1_700_000_000L));
  }

  @Test
  void aliasMergesThePreviousIdIntoTheUser() {
    api.post("/v1/identify", valid(endpoint("identify"), json("{'userId':'old','traits':{'city':'Oslo'}}")));
    api.post("/v1/identify", valid(endpoint("identify"), json("{'userId':'new'}")));
    assertThat(api.post("/v1/alias", valid(endpoint("alias"), json("{'previousId':'old','userId':'new'}"))).status)
        .isEqualTo(200);
    assertThat(emulator.person("old")).isEmpty();
    assertThat(emulator.person("new").orElseThrow().attributes().get("city").asText()).isEqualTo("Oslo");
  }

  @Test
  void aBatchCarriesIdentifyTrackAndSemanticEventsWithAnonymousCallsInline() {
    String batch = json("{'batch':["
        + "{'type':'identify','userId':'7','traits':{'vip':true}},"
        + "{'type':'track','anonymousId':'a-1','event':'viewed'},"
        + "{'type':'track','userId':'7','event':'Device Created or Updated','context':{'device':{'token':'t-1','type':'ios'}}},"
        + "{'type':'track','userId':'8','event':'User Deleted'}"
        + "]}");
    // the batch's overlapping oneOf branches reject any real call, so each item is checked against its branch
    valid("/components/schemas/identify/oneOf/0", json("{'type':'identify','userId':'7','traits':{'vip':true}}"));
    valid("/components/schemas/batch/properties/batch/items/anyOf/1/oneOf/1", json("{'type':'track','anonymousId':'a-1','event':'viewed'}"));
    valid("/components/schemas/create_update_device",
        json("{'userId':'7','event':'Device Created or Updated','context':{'device':{'token':'t-1','type':'ios'}}}"));
    api.post("/v1/identify", json("{'userId':'8'}"));
    assertThat(api.post("/v1/batch", batch).status).isEqualTo(200);
    PersonView seven = emulator.person("7").orElseThrow();
    assertThat(seven.devices()).singleElement().satisfies(d -> assertThat(d.token()).isEqualTo("t-1"));
    assertThat(emulator.person("8")).isEmpty();
    CallRecord call = last();
    assertThat(call.path()).isEqualTo("/v1/batch");
    assertThat(call.operations()).hasSize(4);
  }

  @Test
  void strictModeRefusesABadBatchWholeAndPermissiveModeDropsWithA200() {
    String bad = json("{'batch':[{'type':'identify','userId':'1'},{'type':'track','userId':'1'}]}");
    ApiClient.Reply strict = api.post("/v1/batch", bad);
    assertThat(strict.status).isEqualTo(400);
    assertThat(strict.json().at("/meta/errors/0").asText()).contains("batch[1]").contains("event");
    assertThat(emulator.person("1")).as("nothing of a refused batch applies").isEmpty();

    ApiClient permissive = new ApiClient(emulator).pipelinesKey(emulator.pipelinesApiKey());
    assertThat(permissive.post("/v1/batch", bad).status).isEqualTo(200);
    assertThat(emulator.person("1")).as("the valid call of the batch applies").isPresent();
    assertThat(last().error()).contains("dropped 1 call(s) with a 200");

    String big = json("{'userId':'1','event':'big','properties':{'blob':'" + "x".repeat(33 * 1024) + "'}}");
    assertThat(api.post("/v1/track", big).status).isEqualTo(400);
    assertThat(permissive.post("/v1/track", big).status).isEqualTo(200);
    assertThat(last().error()).contains("dropped with a 200");
  }

  @Test
  void theTrackCredentialsDoNotOpenThePipelinesApiNorTheOtherWayRound() {
    ApiClient track = new ApiClient(emulator).header("X-Strict-Mode", "1");
    assertThat(track.post("/v1/identify", json("{'userId':'1'}")).status).isEqualTo(401);
    assertThat(api.post("/api/v2/entity",
        json("{'type':'person','identifiers':{'id':'1'},'action':'identify'}")).status).isEqualTo(401);
    assertThat(api.post("/v1/nope", json("{}")).status).isEqualTo(404);
  }

  @Test
  void groupIdentifiesAnObjectAndRelatesTheCallerWithTheRelationshipAttributes() {
    assertThat(api.post("/v1/group", valid("/components/schemas/group/oneOf/0",
        json("{'userId':'42','groupId':'acme','traits':{'object_type_id':'2','name':'Acme','plan':'pro',"
            + "'relationshipAttributes':{'role':'admin'}}}"))).status).isEqualTo(200);
    ObjectView acme = emulator.object("2", "acme").orElseThrow();
    assertThat(acme.attributes().get("name").asText()).isEqualTo("Acme");
    assertThat(acme.attributes().has("object_type_id")).as("steers the call, not stored").isFalse();
    assertThat(acme.attributes().has("relationshipAttributes")).isFalse();
    assertThat(acme.relationships()).singleElement().satisfies(r -> {
      assertThat(r.person().displayName()).isEqualTo("42");
      assertThat(r.attributes().get("role").asText()).isEqualTo("admin");
    });
    assertThat(emulator.person("42").orElseThrow().isRelatedTo("2", "acme")).isTrue();

    // without object_type_id Customer.io assumes type 1
    api.post("/v1/group", valid("/components/schemas/group/oneOf/0", json("{'userId':'42','groupId':'beta'}")));
    assertThat(emulator.object("1", "beta")).isPresent();
    assertThat(last().operations().get(0).description()).isEqualTo("object identify 1/beta [1/beta ~ id=42]");
  }

  @Test
  void anAnonymousGroupCarriesOverWhenAnIdentifyClaimsTheAnonymousId() {
    api.post("/v1/group", valid("/components/schemas/group/oneOf/1",
        json("{'anonymousId':'anon-7','groupId':'acme','traits':{'name':'Acme'}}")));
    assertThat(emulator.object("1", "acme").orElseThrow().relationships()).singleElement()
        .satisfies(r -> assertThat(r.anonymousId()).isEqualTo("anon-7"));
    api.post("/v1/identify", valid("/components/schemas/identify/oneOf/0", json("{'userId':'42','anonymousId':'anon-7'}")));
    assertThat(emulator.object("1", "acme").orElseThrow().isRelatedTo("42")).isTrue();
  }

  @Test
  void relationshipDeletedAndObjectDeletedAreTheirSemanticEvents() {
    api.post("/v1/group", json("{'userId':'42','groupId':'acme','traits':{'object_type_id':'3'}}"));
    api.post("/v1/group", json("{'userId':'43','groupId':'acme','traits':{'object_type_id':'3'}}"));
    assertThat(api.post("/v1/track", valid("/components/schemas/relationship_deleted",
        json("{'userId':'42','event':'Relationship Deleted','properties':{'objectId':'acme','objectTypeId':3}}"))).status)
        .isEqualTo(200);
    assertThat(emulator.object("3", "acme").orElseThrow().relationships()).singleElement()
        .satisfies(r -> assertThat(r.person().displayName()).isEqualTo("43"));
    assertThat(emulator.person("42").orElseThrow().relationships()).isEmpty();

    assertThat(api.post("/v1/track", valid("/components/schemas/group_deleted",
        json("{'anonymousId':'ops','event':'Object Deleted','properties':{'objectId':'acme','objectTypeId':3}}"))).status)
        .isEqualTo(200);
    assertThat(emulator.objects()).isEmpty();
    assertThat(emulator.person("43").orElseThrow().relationships()).isEmpty();
    assertThat(emulator.person("42")).as("the people stay").isPresent();
  }

  @Test
  void badGroupsAndObjectEventsAre400InStrictMode() {
    ApiClient.Reply noGroup = api.post("/v1/group", json("{'userId':'42','traits':{'name':'Acme'}}"));
    assertThat(noGroup.status).isEqualTo(400);
    assertThat(noGroup.json().at("/meta/errors/0").asText()).contains("groupId");
    ApiClient.Reply badType = api.post("/v1/group", json("{'userId':'42','groupId':'acme','traits':{'object_type_id':'companies'}}"));
    assertThat(badType.status).isEqualTo(400);
    assertThat(badType.json().at("/meta/errors/0").asText()).contains("object_type_id");
    ApiClient.Reply noObject = api.post("/v1/track",
        json("{'userId':'42','event':'Relationship Deleted','properties':{'objectTypeId':1}}"));
    assertThat(noObject.status).isEqualTo(400);
    assertThat(noObject.json().at("/meta/errors/0").asText()).contains("objectId");
    assertThat(emulator.objects()).isEmpty();
  }

  private CallRecord last() {
    List<CallRecord> calls = emulator.calls();
    return calls.get(calls.size() - 1);
  }
}
