package io.trackweave.testkit.internal.http;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Ulids;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class V2EndpointsTest {
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

  ApiClient.Reply entity(String singleQuotedJson) {
    return api.post("/api/v2/entity", json(singleQuotedJson));
  }

  @Test
  void entityIdentifyAndEvent() {
    assertThat(entity("{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'email':'j@x.io','plan':'a'}}").status)
        .isEqualTo(200);
    String id = Ulids.next();
    assertThat(entity("{'type':'person','identifiers':{'id':'42'},'action':'event','id':'" + id
        + "','name':'order_completed','timestamp':1700000001,'attributes':{'order_id':'o-1'}}").status).isEqualTo(200);
    entity("{'type':'person','identifiers':{'id':'42'},'action':'page','name':'/pricing'}");
    entity("{'type':'person','identifiers':{'id':'42'},'action':'screen','name':'Home'}");

    PersonView p = person("42");
    assertThat(p.email()).isEqualTo("j@x.io");
    assertThat(p.events()).extracting(EventView::name).containsExactly("order_completed", "/pricing", "Home");
    assertThat(p.events()).extracting(EventView::type).containsExactly("event", "page", "screen");
    assertThat(p.events().get(0).id()).isEqualTo(id);
    assertThat(p.events().get(0).timestamp()).isEqualTo(1700000001L);
  }

  @Test
  void identifyUpdateOnlyInAttributes() {
    entity("{'type':'person','identifiers':{'id':'9'},'action':'identify','attributes':{'_update':true,'a':1}}");
    assertThat(emulator.people()).isEmpty();
  }

  @Test
  void anonymousEventsAndTheirMerge() {
    entity("{'type':'person','action':'event','anonymous_id':'anon-9','name':'product_viewed','attributes':{'sku':'s'}}");
    entity("{'type':'person','identifiers':{'anonymous_id':'anon-9'},'action':'event','name':'added_to_cart'}");
    assertThat(emulator.snapshot().anonymous()).singleElement().satisfies(a -> assertThat(a.events()).hasSize(2));

    entity("{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'anonymous_id':'anon-9'}}");
    assertThat(person("42").events()).extracting(EventView::name).containsExactly("product_viewed", "added_to_cart");
    assertThat(emulator.snapshot().anonymous()).isEmpty();
  }

  @Test
  void deleteSuppressUnsuppressDevicesAndMerge() {
    entity("{'type':'person','identifiers':{'id':'1'},'action':'identify','attributes':{'a':'one'}}");
    entity("{'type':'person','identifiers':{'id':'2'},'action':'identify','attributes':{'b':'two'}}");
    entity("{'type':'person','identifiers':{'id':'1'},'action':'add_device','device':{'token':'t-1','platform':'android'}}");
    assertThat(person("1").devices()).hasSize(1);
    entity("{'type':'person','identifiers':{'id':'1'},'action':'delete_device','device':{'token':'t-1'}}");
    assertThat(person("1").devices()).isEmpty();

    entity("{'type':'person','action':'merge','primary':{'id':'1'},'secondary':{'id':'2'}}");
    assertThat(emulator.people()).singleElement().satisfies(p -> assertThat(p.attributes().get("b").asText()).isEqualTo("two"));

    entity("{'type':'person','identifiers':{'id':'1'},'action':'suppress'}");
    assertThat(emulator.people()).isEmpty();
    entity("{'type':'person','identifiers':{'id':'1'},'action':'identify'}");
    assertThat(emulator.people()).isEmpty();
    entity("{'type':'person','identifiers':{'id':'1'},'action':'unsuppress'}");
    entity("{'type':'person','identifiers':{'id':'1'},'action':'identify'}");
    assertThat(emulator.people()).hasSize(1);
    entity("{'type':'person','identifiers':{'id':'1'},'action':'delete'}");
    assertThat(emulator.people()).isEmpty();
  }

  @Test
  void invalidEntityIs400WithErrors() {
    ApiClient.Reply reply = entity("{'type':'person','identifiers':{'id':'42'},'action':'event'}");
    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("name");
    assertThat(entity("{'type':'person','identifiers':{'id':'42','email':'x@y.z'},'action':'identify'}").status).isEqualTo(400);
    assertThat(entity("{'type':'person','identifiers':{'id':'42'},'action':'fly'}").status).isEqualTo(400);
  }

  @Test
  void objectsAreModeledApartFromPeople() {
    assertThat(entity("{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'identify'}").status)
        .isEqualTo(200);
    assertThat(emulator.people()).isEmpty();
    assertThat(emulator.objects()).extracting(o -> o.displayName()).containsExactly("1/acme");
    assertThat(emulator.calls().get(0).operations().get(0).outcome()).startsWith("created object 1/acme");
  }

  @Test
  void batchAppliesEveryItem() {
    String body = json("{'batch':["
        + "{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'plan':'a'}},"
        + "{'type':'person','identifiers':{'id':'42'},'action':'event','id':'" + Ulids.next() + "','name':'x'},"
        + "{'type':'person','identifiers':{'id':'43'},'action':'event','name':'y'}]}");
    ApiClient.Reply reply = api.post("/api/v2/batch", body);
    assertThat(reply.status).isEqualTo(200);
    assertThat(emulator.people()).hasSize(2);
    assertThat(emulator.calls()).singleElement().satisfies(c -> assertThat(c.operations()).hasSize(3));
  }

  @Test
  void batchWithInvalidItemsAnswers207AndAppliesTheValidOnes() throws Exception {
    String body = json("{'batch':["
        + "{'type':'person','identifiers':{'id':'42'},'action':'event','name':'ok_1'},"
        + "{'type':'person','identifiers':{'id':'42'},'action':'event'},"
        + "{'type':'person','action':'identify'},"
        + "{'type':'person','identifiers':{'id':'42'},'action':'event','name':'ok_2'},"
        + "{'type':'person','identifiers':{'id':'42'},'action':'event','name':'bad_id','id':'nope'}]}");
    ApiClient.Reply reply = api.post("/api/v2/batch", body);

    assertThat(reply.status).isEqualTo(207);
    JsonNode errors = reply.json().get("errors");
    assertThat(errors).hasSize(3);
    assertThat(errors.findValues("batch_index")).extracting(JsonNode::asInt).containsExactly(1, 2, 4);
    assertThat(errors.get(0).get("field").asText()).isEqualTo("name");
    assertThat(errors.get(1).get("field").asText()).isEqualTo("identifiers");
    assertThat(errors.get(2).get("field").asText()).isEqualTo("id");
    for (JsonNode error : errors) {
      assertThat(error.get("reason").isTextual()).isTrue();
      assertThat(error.get("message").asText()).isNotBlank();
    }
    assertThat(person("42").events()).extracting(EventView::name).containsExactly("ok_1", "ok_2");

    // every key of the 207 body is one the spec's 207 schema declares, with its declared type
    JsonNode itemSchema;
    try (InputStream in = getClass().getResourceAsStream("/customerio-track-api.openapi.json")) {
      itemSchema = ApiClient.JSON.readTree(in)
          .at("/paths/~1api~1v2~1batch/post/responses/207/content/application~1json/schema/properties/errors/items/properties");
    }
    assertThat(itemSchema.isObject()).isTrue();
    for (JsonNode error : errors) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = error.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      assertThat(names).allSatisfy(name -> assertThat(itemSchema.has(name)).as("spec declares %s", name).isTrue());
      assertThat(names).containsExactlyInAnyOrder("batch_index", "reason", "field", "message");
      assertThat(error.get("batch_index").isIntegralNumber()).isEqualTo("integer".equals(itemSchema.at("/batch_index/type").asText()));
    }
  }

  @Test
  void malformedBatchIs400() {
    assertThat(api.post("/api/v2/batch", json("{'items':[]}")).status).isEqualTo(400);
    assertThat(api.post("/api/v2/batch", "[1,2]").status).isEqualTo(400);
    assertThat(api.post("/api/v2/batch", "{").status).isEqualTo(400);
  }

  @Test
  void eventIdsDeduplicateAcrossV1AndV2() {
    String id = Ulids.next();
    entity("{'type':'person','identifiers':{'id':'42'},'action':'event','id':'" + id + "','name':'order_completed'}");
    api.post("/api/v2/batch", json("{'batch':[{'type':'person','identifiers':{'id':'42'},'action':'event','id':'" + id + "','name':'order_completed'}]}"));
    api.post("/api/v1/customers/42/events", json("{'name':'order_completed','id':'" + id.toLowerCase() + "'}"));
    assertThat(person("42").events()).hasSize(1);
    assertThat(emulator.counts().deduplicated()).isEqualTo(2);
  }
}
