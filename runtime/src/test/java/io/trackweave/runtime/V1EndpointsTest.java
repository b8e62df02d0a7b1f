package io.trackweave.runtime;

import static io.trackweave.runtime.TestSupport.body;
import static io.trackweave.runtime.TestSupport.config;
import static io.trackweave.runtime.TestSupport.json;
import static io.trackweave.runtime.TestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The v1 endpoints: one request per call, each body checked against that path's schema in the spec. */
class V1EndpointsTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String AWKWARD = "a/b+c@d e é?#%";
  static final String AWKWARD_ENCODED = "a%2Fb%2Bc%40d%20e%20%C3%A9%3F%23%25";

  static Person id(String id) {
    return Person.identified(IdentifierType.ID, id);
  }

  /** Requests by "METHOD target", in any order (senders run in parallel). */
  Map<String, RecordedRequest> take(int n) throws InterruptedException {
    Map<String, RecordedRequest> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      out.put(r.getMethod() + " " + r.getTarget(), r);
    }
    return out;
  }

  @Test
  void everyOperationUsesItsV1EndpointWithPercentEncodedPathSegments() throws Exception {
    for (int i = 0; i < 8; i++) {
      server.enqueue(ok());
    }
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).build())) {
      runtime.identify(new Person(IdentifierType.ID, AWKWARD, "anon-7"),
          Fields.builder(2).put("plan", "premium").put("seats", 5L).build(), true);
      runtime.track(id(AWKWARD), "order_completed", Fields.builder(1).put("total", 12.5).build(), 1_700_000_000L, "o-1");
      runtime.trackAnonymous("anon-7", "page_viewed", Fields.builder(1).put("path", "/home").build());
      runtime.delete(Person.identified(IdentifierType.CIO_ID, "a3000001"));
      runtime.suppress(Person.identified(IdentifierType.EMAIL, "jane+tag@example.com"));
      runtime.unsuppress(id(".."));
      runtime.addDevice(id("42"), Device.android("tok/1"));
      runtime.deleteDevice(id("42"), "tok/1");
      runtime.mergeCustomers(id("42"), Person.identified(IdentifierType.EMAIL, "old@example.com"));
      // URL parsers (OkHttp's and WHATWG's) read %2E%2E as "..": such an id cannot be a v1 path segment
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(8, 1, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("identifier_not_addressable", 1L);
    }
    Map<String, RecordedRequest> requests = take(8);
    assertThat(requests.keySet()).containsExactlyInAnyOrder(
        "PUT /api/v1/customers/" + AWKWARD_ENCODED,
        "POST /api/v1/customers/" + AWKWARD_ENCODED + "/events",
        "POST /api/v1/events",
        "DELETE /api/v1/customers/cio_a3000001",
        "POST /api/v1/customers/jane%2Btag%40example.com/suppress",
        "PUT /api/v1/customers/42/devices",
        "DELETE /api/v1/customers/42/devices/tok%2F1",
        "POST /api/v1/merge_customers");
    // the server decodes the segment back to the exact id
    assertThat(requests.get("PUT /api/v1/customers/" + AWKWARD_ENCODED).getUrl().pathSegments())
        .containsExactly("api", "v1", "customers", AWKWARD);

    String identify = body(requests.get("PUT /api/v1/customers/" + AWKWARD_ENCODED));
    assertThat(SpecValidator.errors("/api/v1/customers/{identifier}", "put", identify)).isEmpty();
    JsonNode identifyJson = TestSupport.JSON.readTree(identify);
    assertThat(identifyJson.get("_update").asBoolean()).isTrue();
    assertThat(identifyJson.get("anonymous_id").asText()).isEqualTo("anon-7");

    String event = body(requests.get("POST /api/v1/customers/" + AWKWARD_ENCODED + "/events"));
    assertThat(SpecValidator.errors("/api/v1/customers/{identifier}/events", "post", event)).isEmpty();
    assertThat(TestSupport.JSON.readTree(event).at("/data/total").asDouble()).isEqualTo(12.5);

    String anonymous = body(requests.get("POST /api/v1/events"));
    assertThat(SpecValidator.errors("/api/v1/events", "post", anonymous)).isEmpty();
    assertThat(TestSupport.JSON.readTree(anonymous).get("anonymous_id").asText()).isEqualTo("anon-7");

    assertThat(SpecValidator.errors("/api/v1/customers/{identifier}/devices", "put",
        body(requests.get("PUT /api/v1/customers/42/devices")))).isEmpty();
    // The spec's v1 merge schema is a oneOf whose branches have no "required", so {"id": "42"} matches
    // several of them and no single-identifier body can pass the oneOf. Check each side against the
    // branch it is meant to match instead, and that nothing else is wrong.
    JsonNode merge = TestSupport.JSON.readTree(body(requests.get("POST /api/v1/merge_customers")));
    String mergeSchema = "/paths/~1api~1v1~1merge_customers/post/requestBody/content/application~1json/schema";
    assertThat(merge.fieldNames()).toIterable().containsExactly("primary", "secondary");
    assertThat(SpecValidator.at(mergeSchema + "/properties/primary/oneOf/0").validate(merge.get("primary"))).isEmpty();
    assertThat(merge.get("primary").toString()).isEqualTo("{\"id\":\"42\"}");
    assertThat(SpecValidator.at(mergeSchema + "/properties/secondary/oneOf/1").validate(merge.get("secondary"))).isEmpty();
    assertThat(merge.get("secondary").toString()).isEqualTo("{\"email\":\"old@example.com\"}");
    assertThat(requests.get("DELETE /api/v1/customers/cio_a3000001").getBodySize()).isZero();
  }

  @Test
  void inV2ModeAnonymousEventsStillGoToV1BecauseTheBatchHasNoSuchAction() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.trackAnonymous("anon-1", "signup_started", Fields.EMPTY);
      runtime.track(Person.anonymous("anon-2"), "viewed", Fields.EMPTY, io.trackweave.api.Tracker.NOW, null);
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(3, 0, 0, 0));
    }
    Map<String, RecordedRequest> requests = take(3);
    assertThat(requests.keySet()).containsExactlyInAnyOrder("POST /api/v2/batch", "POST /api/v1/events");
  }

  @Test
  void phoneIdentifiersAreRejectedInV1ModeAndNotMergeable() {
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).build())) {
      runtime.identify(Person.identified(IdentifierType.PHONE, "+14155552671"), Fields.EMPTY);
      runtime.flush(WAIT);
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("phone_needs_v2", 1L);
    }
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.mergeCustomers(id("1"), Person.identified(IdentifierType.PHONE, "+14155552671"));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("phone_not_mergeable", 1L);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aV1AnswerIsHandledLikeABatchs() throws Exception {
    server.enqueue(TestSupport.status(500));
    server.enqueue(ok());
    server.enqueue(TestSupport.status(400));
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).senders(1).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      runtime.flush(WAIT);
      runtime.track(id("2"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 1, 0, 0));
      assertThat(runtime.metrics().retried()).isEqualTo(1);
    }
    assertThat(json(server.takeRequest(5, TimeUnit.SECONDS)).get("name").asText()).isEqualTo("viewed");
  }

  @Test
  void v1IdentifySendsOnlyTheValueTypesTheSpecAllowsConvertingNumbersFaithfully() throws Exception {
    server.enqueue(ok());
    Fields attributes = Fields.builder(10)
        .put("price", 19.99)
        .put("seats", 3.0)
        .put("ratio", 0.000015)
        .put("balance", new java.math.BigDecimal("12.50"))
        .put("whole", new java.math.BigDecimal("1.200E+3"))
        .put("big", new java.math.BigInteger("123456789012345678901234567890"))
        .put("id", 42L)
        .put("vip", true)
        .putValue("unknown", null)
        .put("cio_subscription_preferences", Fields.builder(1)
            .put("topics", Fields.builder(1).put("topic_1", true).build()).build())
        .build();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).build())) {
      runtime.identify(id("7"), attributes);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 0, 0, 0));
    }
    String body = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(SpecValidator.errors("/api/v1/customers/{identifier}", "put", body)).isEmpty();
    JsonNode json = TestSupport.JSON.readTree(body);
    // a decimal has no integer form: its exact text, which the spec's string type carries unrounded
    assertThat(json.get("price").isTextual()).isTrue();
    assertThat(json.get("price").asText()).isEqualTo("19.99");
    assertThat(json.get("ratio").asText()).isEqualTo("0.000015"); // never "1.5E-5"
    assertThat(json.get("balance").asText()).isEqualTo("12.5");
    // an integral number is that integer
    assertThat(json.get("seats").isIntegralNumber()).isTrue();
    assertThat(json.get("seats").asLong()).isEqualTo(3);
    assertThat(json.get("whole").isIntegralNumber()).isTrue();
    assertThat(json.get("whole").asLong()).isEqualTo(1200);
    assertThat(json.get("big").bigIntegerValue()).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(json.get("id").isTextual()).isTrue(); // "id" is a string in the spec
    assertThat(json.get("id").asText()).isEqualTo("42");
    assertThat(json.get("vip").asBoolean()).isTrue();
    assertThat(json.has("unknown")).isFalse(); // no null in the spec: left out, the attribute unchanged
    assertThat(json.at("/cio_subscription_preferences/topics/topic_1").asBoolean()).isTrue();
  }

  @Test
  void aNestedObjectOrArrayInAV1IdentifyIsRejectedWithACountedReason() {
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).build())) {
      runtime.identify(id("7"), Fields.builder(1).put("address", Fields.builder(1).put("city", "Oslo").build()).build());
      runtime.identify(id("7"), Fields.builder(1).put("tags", io.trackweave.api.FieldArray.copyOf(java.util.List.of("a", "b"))).build());
      runtime.flush(WAIT);
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("v1_attribute_not_scalar", 2L);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void identifiersOver150BytesAreRejectedAtCaptureInEveryRole() throws Exception {
    String long151 = "x".repeat(151);
    String accents76 = "é".repeat(76); // 76 characters, 152 bytes in UTF-8
    String accents75 = "é".repeat(75); // exactly 150 bytes: allowed
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).build())) {
      runtime.identify(id(long151), Fields.EMPTY);
      runtime.identify(Person.identified(IdentifierType.EMAIL, accents76 + "@example.com"), Fields.EMPTY);
      runtime.delete(Person.identified(IdentifierType.CIO_ID, long151));
      runtime.identify(new Person(IdentifierType.ID, "1", long151), Fields.EMPTY); // anonymous id
      runtime.trackAnonymous(long151, "viewed", Fields.EMPTY);
      runtime.track(Person.anonymous(long151), "viewed", Fields.EMPTY, io.trackweave.api.Tracker.NOW, null);
      runtime.mergeCustomers(id("1"), id(long151));
      runtime.mergeCustomers(id(long151), id("1"));
      runtime.identify(id(accents75), Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 8, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("identifier_too_long", 8L);
    }
    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getUrl().pathSegments()).containsExactly("api", "v1", "customers", accents75);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
