package io.trackweave.runtime;

import static io.trackweave.runtime.TestSupport.body;
import static io.trackweave.runtime.TestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The Data Pipelines API transport (api.version=pipelines): every body checked against the Pipelines
 * API's own OpenAPI document, its auth, strict-mode header, identity, timestamps and limits.
 */
class PipelinesEndpointsTest {
  static final String PIPELINES_KEY = "cdp-key-789";
  static final Duration WAIT = Duration.ofSeconds(10);

  @StartStop final MockWebServer server = new MockWebServer();

  static TrackweaveConfig.Builder pipelines(MockWebServer server) {
    return TestSupport.config(server).apiVersion(ApiVersion.PIPELINES).pipelinesApiKey(PIPELINES_KEY);
  }

  static Person id(String id) {
    return Person.identified(IdentifierType.ID, id);
  }

  Map<String, List<RecordedRequest>> take(int n) throws InterruptedException {
    Map<String, List<RecordedRequest>> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("request %d of %d", i + 1, n).isNotNull();
      out.computeIfAbsent(r.getMethod() + " " + r.getTarget(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  @Test
  void everyOperationIsAPipelinesCallThatTheSpecAccepts() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());
    long captured = System.currentTimeMillis() / 1000;
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).senders(1).build())) {
      runtime.identify(new Person(IdentifierType.ID, "42", "anon-7"),
          Fields.builder(2).put("plan", "premium").put("address", Fields.builder(1).put("city", "Oslo").build()).build());
      runtime.identify(Person.identified(IdentifierType.EMAIL, "jane@example.com"), Fields.builder(1).put("vip", true).build());
      runtime.track(id("42"), "order_completed", Fields.builder(1).put("total", 12.5).build(), 1_700_000_000L, "o-1");
      runtime.trackAnonymous("anon-7", "page_viewed", Fields.builder(1).put("path", "/home").build());
      runtime.track(Person.anonymous("anon-8"), "viewed", Fields.EMPTY, Tracker.NOW, null);
      runtime.delete(id("43"));
      runtime.suppress(Person.identified(IdentifierType.EMAIL, "spam@example.com"));
      runtime.unsuppress(id("44"));
      runtime.addDevice(id("42"), Device.android("tok/1"));
      runtime.deleteDevice(id("42"), "tok/1");
      runtime.mergeCustomers(id("42"), Person.identified(IdentifierType.EMAIL, "old@example.com"));
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(11, 0, 0, 0));
    }
    Map<String, List<RecordedRequest>> requests = take(2);
    assertThat(requests.keySet()).containsExactlyInAnyOrder("POST /v1/batch", "POST /v1/alias");

    RecordedRequest batchRequest = requests.get("POST /v1/batch").get(0);
    String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((PIPELINES_KEY + ":").getBytes());
    assertThat(batchRequest.getHeaders().get("Authorization")).isEqualTo(expectedAuth);
    assertThat(batchRequest.getHeaders().get("X-Strict-Mode")).isEqualTo("1");
    String batch = body(batchRequest);
    assertThat(SpecValidator.pipelinesBatchErrors(batch)).isEmpty();
    JsonNode items = TestSupport.JSON.readTree(batch).get("batch");
    assertThat(items).hasSize(10); // anonymous events batch natively: no request of their own

    JsonNode identify = items.get(0);
    assertThat(identify.get("type").asText()).isEqualTo("identify");
    assertThat(identify.get("userId").asText()).isEqualTo("42");
    assertThat(identify.get("anonymousId").asText()).isEqualTo("anon-7");
    assertThat(identify.at("/traits/address/city").asText()).isEqualTo("Oslo");
    // userId and anonymousId together match both of the spec's overlapping oneOf branches: check the known one
    assertThat(SpecValidator.pipelinesAt("/components/schemas/identify/oneOf/0").validate(identify)).isEmpty();
    assertThat(SpecValidator.pipelinesErrors("/identify", without(items.get(1), "type"))).isEmpty();
    assertThat(items.get(1).get("userId").asText()).isEqualTo("jane@example.com");
    assertThat(items.get(1).at("/traits/email").asText()).isEqualTo("jane@example.com");

    JsonNode event = items.get(2);
    assertThat(event.get("type").asText()).isEqualTo("track");
    assertThat(event.get("event").asText()).isEqualTo("order_completed");
    assertThat(event.at("/properties/total").asDouble()).isEqualTo(12.5);
    assertThat(event.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20Z"); // ISO-8601, as given
    assertThat(event.get("messageId").asText()).hasSize(26);
    assertThat(SpecValidator.pipelinesErrors("/track", event.toString())).isEmpty();

    JsonNode anonymous = items.get(3);
    assertThat(anonymous.has("userId")).isFalse();
    assertThat(anonymous.get("anonymousId").asText()).isEqualTo("anon-7");
    assertThat(SpecValidator.pipelinesErrors("/track", anonymous.toString())).isEmpty();
    assertThat(items.get(4).get("anonymousId").asText()).isEqualTo("anon-8");
    // the capture time, not the send time, in ISO-8601
    long stamped = java.time.Instant.parse(items.get(4).get("timestamp").asText()).getEpochSecond();
    assertThat(stamped).isBetween(captured - 1, captured + 5);

    assertThat(items.get(5).get("event").asText()).isEqualTo("User Deleted");
    assertThat(items.get(6).get("event").asText()).isEqualTo("User Suppressed");
    assertThat(items.get(6).get("userId").asText()).isEqualTo("spam@example.com");
    assertThat(items.get(7).get("event").asText()).isEqualTo("User Unsuppressed");
    JsonNode device = items.get(8);
    assertThat(device.get("event").asText()).isEqualTo("Device Created or Updated");
    assertThat(device.at("/context/device/token").asText()).isEqualTo("tok/1");
    assertThat(device.at("/context/device/type").asText()).isEqualTo("android");
    assertThat(SpecValidator.pipelinesAt("/components/schemas/create_update_device").validate(device)).isEmpty();
    assertThat(SpecValidator.pipelinesAt("/components/schemas/delete_person").validate(items.get(5))).isEmpty();
    assertThat(SpecValidator.pipelinesAt("/components/schemas/suppress_person").validate(items.get(6))).isEmpty();
    assertThat(SpecValidator.pipelinesAt("/components/schemas/unsuppress_person").validate(items.get(7))).isEmpty();
    assertThat(SpecValidator.pipelinesAt("/components/schemas/delete_device").validate(items.get(9))).isEmpty();

    String alias = body(requests.get("POST /v1/alias").get(0));
    assertThat(SpecValidator.pipelinesErrors("/alias", alias)).isEmpty();
    JsonNode aliasJson = TestSupport.JSON.readTree(alias);
    assertThat(aliasJson.get("userId").asText()).isEqualTo("42");
    assertThat(aliasJson.get("previousId").asText()).isEqualTo("old@example.com");
  }

  private static String without(JsonNode node, String field) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
    copy.remove(field);
    return copy.toString();
  }

  @Test
  void whatThePipelinesApiCannotCarryIsRejectedAtCaptureWithAReason() {
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).build())) {
      runtime.identify(Person.identified(IdentifierType.CIO_ID, "a3000001"), Fields.EMPTY);
      runtime.track(Person.identified(IdentifierType.PHONE, "+14155552671"), "viewed", Fields.EMPTY);
      runtime.trackAnonymous(null, "viewed", Fields.EMPTY);
      runtime.track(id("1"), "big", Fields.builder(1).put("blob", "x".repeat(40_000)).build());
      runtime.flush(WAIT);
      assertThat(runtime.metrics().rejectedByReason())
          .containsEntry("identifier_needs_track_api", 2L)
          .containsEntry("missing_identifier", 1L);
      assertThat(runtime.metrics().rejected()).isEqualTo(4);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void batchesStayWithinThe500KbLimitAndUnder32KbPerCall() throws Exception {
    for (int i = 0; i < 10; i++) {
      server.enqueue(ok());
    }
    String value = "v".repeat(900);
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).senders(1).build())) {
      for (int i = 0; i < 1500; i++) {
        runtime.trackAnonymous("anon-" + i, "viewed", Fields.builder(1).put("p", value).build());
      }
      assertThat(runtime.flush(WAIT).delivered()).isEqualTo(1500);
    }
    int calls = 0;
    while (calls < 1500) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r.getTarget()).isEqualTo("/v1/batch");
      assertThat(r.getBodySize()).isLessThanOrEqualTo(TrackweaveConfig.MAX_BATCH_BYTES);
      calls += TestSupport.JSON.readTree(body(r)).get("batch").size();
    }
    assertThat(calls).isEqualTo(1500);
  }

  @Test
  void aWholeBatchRefusedInStrictModeIsSplitUntilTheBadCallStandsAlone() throws Exception {
    // strict mode answers 400 naming no item: halves isolate the refused call, the others are delivered
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = body(request);
        return body.contains("\"poison\"")
            ? new MockResponse.Builder().code(400).body("{\"meta\":{\"errors\":[\"invalid call\"]}}").build()
            : ok();
      }
    });
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).senders(1)
        .flushInterval(Duration.ofSeconds(30)).build())) {
      for (int i = 0; i < 8; i++) {
        runtime.track(id("p" + i), i == 5 ? "poison" : "fine", Fields.EMPTY);
      }
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(7, 1, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("bad_request", 1L);
    }
    // 1 whole + 2 halves + 2 quarters + 2 eighths around the bad call = 7 requests, not 8 singles
    assertThat(server.getRequestCount()).isEqualTo(7);
  }

  @Test
  void aPipelines401NamesThePipelinesKey() throws Exception {
    server.enqueue(TestSupport.status(401));
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(0, 1, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("unauthorized", 1L);
    }
  }

  @Test
  void withoutAPipelinesKeyTheRuntimeIsDisabledEvenWithTrackCredentials() {
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(
        TestSupport.config(server).apiVersion(ApiVersion.PIPELINES).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      runtime.flush(WAIT);
    }
    assertThat(server.getRequestCount()).isZero();
    assertThat(TestSupport.config(server).apiVersion(ApiVersion.PIPELINES).build().missingCredentials())
        .contains("CUSTOMERIO_PIPELINES_API_KEY");
  }

  @Test
  void anUpdateOnlyIdentifyIsAPlainIdentifyUnlessTheSettingRefusesIt() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).build())) {
      runtime.identify(id("1"), Fields.builder(1).put("total_orders", 2L).build(), true);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 0, 0, 0));
    }
    JsonNode item = TestSupport.JSON.readTree(body(server.takeRequest(5, TimeUnit.SECONDS))).at("/batch/0");
    assertThat(item.get("type").asText()).isEqualTo("identify");
    assertThat(item.at("/traits/total_orders").asLong()).isEqualTo(2);
    assertThat(item.has("_update")).isFalse();

    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server)
        .set("pipelines.update.only", "reject").build())) {
      runtime.identify(id("1"), Fields.EMPTY, true);
      runtime.flush(WAIT);
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("update_only_needs_track_api", 1L);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(TrackweaveConfig.load(Map.of(), Map.of(), Map.of("pipelines.update.only", "maybe")).problems())
        .anySatisfy(p -> assertThat(p).contains("use identify or reject"));
  }

  @Test
  void anAnonymousEventAndTheIdentifyThatClaimsItTravelInOneBatchInOrder() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(pipelines(server).senders(1)
        .flushInterval(Duration.ofSeconds(30)).build())) {
      runtime.trackAnonymous("visitor-1", "added_to_cart", Fields.EMPTY);
      runtime.identify(new Person(IdentifierType.ID, "42", "visitor-1"), Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(2, 0, 0, 0));
    }
    // on the Track API the anonymous event needs a v1 request of its own, sent before the batch; here the
    // batch keeps the order itself, so no extra request
    assertThat(server.getRequestCount()).isEqualTo(1);
    JsonNode items = TestSupport.JSON.readTree(body(server.takeRequest(5, TimeUnit.SECONDS))).get("batch");
    assertThat(items.get(0).get("type").asText()).isEqualTo("track");
    assertThat(items.get(1).get("type").asText()).isEqualTo("identify");
  }
}
