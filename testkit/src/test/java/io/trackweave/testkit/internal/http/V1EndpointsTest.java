package io.trackweave.testkit.internal.http;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Ulids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class V1EndpointsTest {
  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.create().withoutRuntime();

  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void connect() {
    emulator = testkit.emulator();
    api = new ApiClient(emulator);
  }

  PersonView person(String identifier) {
    return emulator.person(identifier).orElseThrow(() -> new AssertionError("no person " + identifier + " in " + emulator.people()));
  }

  @Test
  void identifyCreatesThenMergesAttributes() {
    assertThat(api.put("/api/v1/customers/42", json("{'email':'Jane@Example.com','first_name':'Jane','plan':'free'}")).status).isEqualTo(200);
    assertThat(api.put("/api/v1/customers/42", json("{'plan':'premium','total_orders':3,'first_name':null}")).status).isEqualTo(200);

    PersonView jane = person("42");
    assertThat(emulator.people()).hasSize(1);
    assertThat(jane.email()).isEqualTo("Jane@Example.com");
    assertThat(jane.attributes().get("plan").asText()).isEqualTo("premium");
    assertThat(jane.attributes().get("total_orders").asInt()).isEqualTo(3);
    assertThat(jane.attributes().has("first_name")).as("null removes an attribute").isFalse();
    assertThat(jane.attributes().get("email").asText()).isEqualTo("Jane@Example.com");
    // emails are case-insensitive identifiers
    assertThat(emulator.person("jane@example.com")).contains(jane);
  }

  @Test
  void updateOnlyNeverCreatesAPerson() {
    api.put("/api/v1/customers/7", json("{'_update':true,'plan':'x'}"));
    assertThat(emulator.people()).isEmpty();
    assertThat(emulator.calls().get(0).operations().get(0).outcome()).contains("Failed Attribute Change");

    api.put("/api/v1/customers/7", json("{'plan':'a'}"));
    api.put("/api/v1/customers/7", json("{'_update':true,'plan':'b'}"));
    assertThat(person("7").attributes().get("plan").asText()).isEqualTo("b");
    assertThat(person("7").attributes().has("_update")).isFalse();
  }

  @Test
  void identifyByEmailPathAndCioId() {
    api.put("/api/v1/customers/jane%2Btest%40example.com", json("{'id':'u-1','name':'Jane'}"));
    PersonView jane = person("jane+test@example.com");
    assertThat(jane.id()).as("plus stays a plus in a path").isEqualTo("u-1");

    api.put("/api/v1/customers/cio_" + jane.cioId(), json("{'name':'Janet'}"));
    assertThat(person("u-1").attributes().get("name").asText()).isEqualTo("Janet");
    assertThat(emulator.people()).hasSize(1);

    api.put("/api/v1/customers/cio_doesnotexist", json("{'name':'x'}"));
    assertThat(emulator.people()).hasSize(1);
  }

  @Test
  void percentDecodedIdentifierKeepsEncodedSlash() {
    api.put("/api/v1/customers/a%2Fb%20c", json("{'x':1}"));
    assertThat(person("a/b c").id()).isEqualTo("a/b c");
  }

  @Test
  void trackAppendsEventsAndCreatesThePerson() {
    String id = Ulids.next();
    assertThat(api.post("/api/v1/customers/42/events",
        json("{'name':' order_completed ','id':'" + id + "','timestamp':1700000000,'data':{'order_id':'o-1','revenue':12.5}}")).status)
        .isEqualTo(200);
    api.post("/api/v1/customers/42/events", json("{'name':'page_viewed','type':'page'}"));

    PersonView p = person("42");
    assertThat(p.events()).extracting(EventView::name).containsExactly("order_completed", "page_viewed");
    EventView order = p.events().get(0);
    assertThat(order.id()).isEqualTo(id);
    assertThat(order.timestamp()).isEqualTo(1700000000L);
    assertThat(order.properties().get("order_id").asText()).isEqualTo("o-1");
    assertThat(p.events().get(1).type()).isEqualTo("page");
  }

  @Test
  void duplicateEventIdsAreDroppedAndCounted() {
    String id = Ulids.next();
    String body = json("{'name':'order_completed','id':'" + id + "','data':{'order_id':'o-1'}}");
    api.post("/api/v1/customers/42/events", body);
    assertThat(api.post("/api/v1/customers/42/events", body).status).isEqualTo(200);
    assertThat(person("42").events()).hasSize(1);
    assertThat(emulator.counts().deduplicated()).isEqualTo(1);
  }

  @Test
  void invalidEventsAreRefusedWith400() {
    ApiClient.Reply noName = api.post("/api/v1/customers/42/events", json("{'data':{}}"));
    assertThat(noName.status).isEqualTo(400);
    assertThat(noName.json().at("/meta/errors/0").asText()).contains("name");
    assertThat(api.post("/api/v1/customers/42/events", json("{'name':'x','id':'not-a-ulid'}")).status).isEqualTo(400);
    assertThat(api.post("/api/v1/customers/42/events", "{not json").status).isEqualTo(400);
    assertThat(emulator.people()).isEmpty();
  }

  @Test
  void anonymousEventsMergeWhenIdentifyCarriesTheirAnonymousId() {
    api.post("/api/v1/events", json("{'name':'product_viewed','anonymous_id':'anon-1','data':{'sku':'s-1'}}"));
    api.post("/api/v1/events", json("{'name':'added_to_cart','anonymous_id':'anon-1'}"));
    api.post("/api/v1/events", json("{'name':'other','anonymous_id':'anon-2'}"));
    assertThat(emulator.snapshot().anonymous()).hasSize(2);
    assertThat(emulator.counts().anonymousEvents()).isEqualTo(3);

    api.put("/api/v1/customers/42", json("{'anonymous_id':'anon-1','email':'a@b.co'}"));
    PersonView p = person("42");
    assertThat(p.events()).extracting(EventView::name).containsExactly("product_viewed", "added_to_cart");
    assertThat(p.anonymousIds()).containsExactly("anon-1");
    assertThat(p.attributes().has("anonymous_id")).isFalse();
    assertThat(emulator.snapshot().anonymous()).singleElement().extracting(a -> a.anonymousId()).isEqualTo("anon-2");

    // later anonymous events of a claimed anonymous id go straight to the person
    api.post("/api/v1/events", json("{'name':'checkout_started','anonymous_id':'anon-1'}"));
    assertThat(person("42").events()).hasSize(3);
  }

  @Test
  void deleteRemovesThePersonAndTheirEvents() {
    api.put("/api/v1/customers/42", json("{'a':1}"));
    api.post("/api/v1/customers/42/events", json("{'name':'e'}"));
    assertThat(api.delete("/api/v1/customers/42").status).isEqualTo(200);
    assertThat(emulator.people()).isEmpty();
    assertThat(emulator.counts().events()).isZero();
  }

  @Test
  void devicesAreAddedAndDeleted() {
    api.put("/api/v1/customers/42", json("{}"));
    assertThat(api.put("/api/v1/customers/42/devices",
        json("{'device':{'id':'tok-1','platform':'ios','last_used':1700000000,'attributes':{'app_version':'1.2'}}}")).status)
        .isEqualTo(200);
    assertThat(person("42").devices()).singleElement().satisfies(d -> {
      assertThat(d.token()).isEqualTo("tok-1");
      assertThat(d.platform()).isEqualTo("ios");
      assertThat(d.lastUsed()).isEqualTo(1700000000L);
    });
    assertThat(api.put("/api/v1/customers/42/devices", json("{'device':{'id':'t','platform':'windows'}}")).status).isEqualTo(400);
    assertThat(api.delete("/api/v1/customers/42/devices/tok-1").status).isEqualTo(200);
    assertThat(person("42").devices()).isEmpty();
  }

  @Test
  void suppressDeletesAndBlocksUntilUnsuppressed() {
    api.put("/api/v1/customers/42", json("{'email':'s@x.io'}"));
    assertThat(api.post("/api/v1/customers/42/suppress", null).status).isEqualTo(200);
    assertThat(emulator.people()).isEmpty();
    assertThat(emulator.snapshot().suppressed()).contains(Identifier.id("42"), Identifier.email("s@x.io"));

    api.put("/api/v1/customers/42", json("{'back':true}"));
    api.post("/api/v1/customers/42/events", json("{'name':'e'}"));
    assertThat(emulator.people()).as("suppressed identifiers are ignored").isEmpty();

    assertThat(api.post("/api/v1/customers/42/unsuppress", null).status).isEqualTo(200);
    api.put("/api/v1/customers/42", json("{'back':true}"));
    assertThat(person("42").attributes().get("back").asBoolean()).isTrue();
  }

  @Test
  void mergeMovesTheSecondaryIntoThePrimary() {
    api.put("/api/v1/customers/primary", json("{'plan':'gold','city':''}"));
    api.post("/api/v1/customers/primary/events", json("{'name':'first'}"));
    api.put("/api/v1/customers/secondary", json("{'plan':'free','city':'Oslo','age':30}"));
    api.post("/api/v1/customers/secondary/events", json("{'name':'second'}"));

    assertThat(api.post("/api/v1/merge_customers", json("{'primary':{'id':'primary'},'secondary':{'id':'secondary'}}")).status)
        .isEqualTo(200);
    assertThat(emulator.people()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("primary");
      assertThat(p.attributes().get("plan").asText()).as("primary keeps its own").isEqualTo("gold");
      assertThat(p.attributes().get("city").asText()).as("empty on primary is filled").isEqualTo("Oslo");
      assertThat(p.attributes().get("age").asInt()).isEqualTo(30);
      assertThat(p.events()).extracting(EventView::name).containsExactly("first", "second");
    });
    assertThat(api.post("/api/v1/merge_customers", json("{'primary':{'id':'a','email':'b'},'secondary':{'id':'c'}}")).status)
        .isEqualTo(400);
  }

  @Test
  void regionAndUnknownEndpoints() {
    assertThat(api.get("/api/v1/accounts/region").json().has("url")).isTrue();
    assertThat(api.get("/api/v1/nothing").status).isEqualTo(404);
    assertThat(api.get("/api/v1/customers/42").status).isEqualTo(405);
  }
}
