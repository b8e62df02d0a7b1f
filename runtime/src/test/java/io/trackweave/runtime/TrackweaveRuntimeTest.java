package io.trackweave.runtime;

import static io.trackweave.runtime.TestSupport.API_KEY;
import static io.trackweave.runtime.TestSupport.body;
import static io.trackweave.runtime.TestSupport.config;
import static io.trackweave.runtime.TestSupport.json;
import static io.trackweave.runtime.TestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.runtime.internal.operation.Ulid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TrackweaveRuntimeTest {
  @StartStop final MockWebServer server = new MockWebServer();

  static final Duration WAIT = Duration.ofSeconds(10);

  static Fields orderCompleted(String orderId) {
    Fields item = Fields.builder(3).put("sku", "SKU-1").put("quantity", 2L).put("unit_price", 9.5).build();
    return Fields.builder(4)
        .put("order_id", orderId)
        .put("revenue", 19.0)
        .put("currency", "EUR")
        .put("items", FieldArray.ofOwned(new Object[] {item, item, item}))
        .build();
  }

  static Person id(String id) {
    return Person.identified(IdentifierType.ID, id);
  }

  /** Records every rejection the listener hears. */
  static final class Rejections implements DeliveryListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void rejected(String action, String name, String reason, String message) {
      seen.add(action + "|" + name + "|" + reason + "|" + message);
    }
  }

  @Test
  void everyOperationGoesInOneV2BatchThatTheSpecAccepts() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.identify(new Person(IdentifierType.EMAIL, "jane@example.com", "anon-1"),
          Fields.builder(2).put("first_name", "Jane").put("total_orders", 3L).build(), true);
      runtime.track(id("42"), "order_completed", orderCompleted("o-1"), 1_700_000_000L, "o-1");
      runtime.delete(Person.identified(IdentifierType.CIO_ID, "a3000001"));
      runtime.suppress(id("43"));
      runtime.unsuppress(Person.identified(IdentifierType.PHONE, "+14155552671"));
      runtime.addDevice(id("42"), new Device("tok-1", Device.Platform.IOS, 1_700_000_000L,
          Fields.builder(2).put("app_version", "1.2").put("push_enabled", true).build()));
      runtime.deleteDevice(id("42"), "tok-0");
      runtime.mergeCustomers(id("42"), Person.identified(IdentifierType.EMAIL, "old@example.com"));

      DeliveryReport report = runtime.flush(WAIT);
      assertThat(report).isEqualTo(new DeliveryReport(8, 0, 0, 0));
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getTarget()).isEqualTo("/api/v2/batch");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic("site-123", API_KEY));
    // plain JSON by default: the Track API spec documents no compressed request bodies
    assertThat(request.getHeaders().get("Content-Encoding")).isNull();
    String body = body(request);
    assertThat(SpecValidator.batchErrors(body)).isEmpty();

    JsonNode batch = json(request).get("batch");
    assertThat(batch).hasSize(8);
    List<String> actions = new ArrayList<>();
    batch.forEach(item -> actions.add(item.get("action").asText()));
    assertThat(actions).containsExactly("identify", "event", "delete", "suppress", "unsuppress",
        "add_device", "delete_device", "merge");
    // each item also matches its own operation's schema, not merely one of the batch's alternatives
    String[] components = {"identify_person", "person_event", "person_delete", "person_suppress",
        "person_unsuppress", "person_add_device", "person_delete_device", "person_merge"};
    for (int i = 0; i < components.length; i++) {
      assertThat(SpecValidator.component(components[i]).validate(batch.get(i))).as(components[i]).isEmpty();
    }
    JsonNode identify = batch.get(0);
    assertThat(identify.get("identifiers").toString()).isEqualTo("{\"email\":\"jane@example.com\"}");
    assertThat(identify.at("/attributes/_update").asBoolean()).isTrue();
    assertThat(identify.at("/attributes/anonymous_id").asText()).isEqualTo("anon-1");
    JsonNode event = batch.get(1);
    assertThat(event.get("name").asText()).isEqualTo("order_completed");
    assertThat(event.get("timestamp").asLong()).isEqualTo(1_700_000_000L);
    assertThat(event.at("/attributes/items/2/unit_price").asDouble()).isEqualTo(9.5);
    assertThat(event.get("id").asText())
        .isEqualTo(Ulid.toString(Ulid.hashHigh("order_completed", "o-1"), Ulid.hashLow("order_completed", "o-1")));
    assertThat(batch.get(2).get("identifiers").toString()).isEqualTo("{\"cio_id\":\"a3000001\"}");
    assertThat(batch.get(4).get("identifiers").toString()).isEqualTo("{\"phone\":\"+14155552671\"}");
    assertThat(batch.get(5).at("/device/attributes/push_enabled").asText()).isEqualTo("true");
    assertThat(batch.get(7).get("secondary").toString()).isEqualTo("{\"email\":\"old@example.com\"}");
  }

  @Test
  void theSpecValidatorRejectsABrokenBatch() {
    // guards the guard: an event without a name, and an unknown action, must fail the spec's schema
    assertThat(SpecValidator.batchErrors(
        "{\"batch\":[{\"type\":\"person\",\"identifiers\":{\"id\":\"1\"},\"action\":\"event\"}]}")).isNotEmpty();
    assertThat(SpecValidator.batchErrors(
        "{\"batch\":[{\"type\":\"person\",\"identifiers\":{\"id\":\"1\"},\"action\":\"fly\"}]}")).isNotEmpty();
    assertThat(SpecValidator.batchErrors(
        "{\"batch\":[{\"type\":\"person\",\"identifiers\":{\"id\":\"1\"},\"action\":\"event\",\"name\":\"x\"}]}")).isEmpty();
  }

  @Test
  void captureTakesTheTimestampAtTheCallNotAtSend() throws Exception {
    server.enqueue(ok());
    long[] now = {1_767_225_600_123L}; // the wall clock the runtime stamps calls with
    try (TrackweaveRuntime runtime =
        TrackweaveRuntime.create(config(server).flushInterval(Duration.ofSeconds(30)).build(), () -> now[0])) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      now[0] += 90_000; // the send happens later (at flush), the timestamp must not move with it
      runtime.flush(WAIT);
      JsonNode event = json(server.takeRequest(5, TimeUnit.SECONDS)).at("/batch/0");
      assertThat(event.get("timestamp").asLong()).isEqualTo(1_767_225_600L);
      assertThat(Ulid.timeMillis(Ulid.parse(event.get("id").asText())[0])).isEqualTo(1_767_225_600_123L);
    }
  }

  @Test
  void millisecondsPassedAsTimestampAreReadAsSeconds() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY, 1_700_000_000_123L, null);
      runtime.flush(WAIT);
    }
    assertThat(json(server.takeRequest(5, TimeUnit.SECONDS)).at("/batch/0/timestamp").asLong()).isEqualTo(1_700_000_000L);
  }

  @Test
  void aDedupeKeyGivesTheSameIdAndTheSecondCallIsDropped() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.track(id("42"), "order_completed", orderCompleted("o-9"), Tracker.NOW, "o-9");
      runtime.track(id("42"), "order_completed", orderCompleted("o-9"), Tracker.NOW, "o-9");
      runtime.track(id("42"), "order_refunded", Fields.EMPTY, Tracker.NOW, "o-9"); // other event, same key: kept
      DeliveryReport report = runtime.flush(WAIT);
      assertThat(report).isEqualTo(new DeliveryReport(2, 0, 1, 0));
      assertThat(runtime.metrics().droppedByReason()).containsEntry("duplicate", 1L);
    }
    JsonNode batch = json(server.takeRequest(5, TimeUnit.SECONDS)).get("batch");
    assertThat(batch).hasSize(2);
    String expected = Ulid.toString(Ulid.hashHigh("order_completed", "o-9"), Ulid.hashLow("order_completed", "o-9"));
    assertThat(batch.get(0).get("id").asText()).isEqualTo(expected);
    assertThat(batch.get(1).get("id").asText()).isNotEqualTo(expected);
  }

  @Test
  void badInputIsRejectedAtCaptureWithItsReasonAndNeverSent() throws Exception {
    server.enqueue(ok());
    Rejections rejections = new Rejections();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).listener(rejections).build())) {
      runtime.track(id("1"), "e".repeat(101), Fields.EMPTY); // 101 bytes
      runtime.track(id("1"), "é".repeat(51), Fields.EMPTY); // 51 chars, 102 bytes
      Fields.Builder many = Fields.builder(301);
      for (int i = 0; i < 301; i++) {
        many.put("a" + i, i);
      }
      runtime.identify(id("1"), many.build());
      runtime.identify(id("1"), Fields.builder(1).put("bio", "x".repeat(1001)).build());
      runtime.identify(id("1"), Fields.builder(1).put("bio", "ü".repeat(501)).build()); // 1002 bytes
      runtime.track(id("1"), "scored", Fields.builder(1).put("score", Double.NaN).build());
      runtime.track(id("1"), "scored", Fields.builder(1)
          .put("nested", FieldArray.ofOwned(new Object[] {Double.POSITIVE_INFINITY})).build());
      runtime.track(id("1"), "huge", Fields.builder(1).put("blob", "y".repeat(40_000)).build());
      runtime.track(null, "orphan", Fields.EMPTY);
      runtime.identify(id("1"), Fields.builder(1).put("bio", "x".repeat(1000)).build()); // exactly at the limit: fine
      runtime.track(id("1"), "e".repeat(100), Fields.EMPTY); // exactly at the limit: fine

      DeliveryReport report = runtime.flush(WAIT);
      assertThat(report).isEqualTo(new DeliveryReport(2, 9, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsOnly(
          java.util.Map.entry("event_name_too_long", 2L),
          java.util.Map.entry("too_many_attributes", 1L),
          java.util.Map.entry("attribute_value_too_large", 2L),
          java.util.Map.entry("non_finite_number", 2L),
          java.util.Map.entry("operation_too_large", 1L),
          java.util.Map.entry("missing_identifier", 1L));
    }
    assertThat(rejections.seen).anySatisfy(s -> assertThat(s).startsWith("event|huge|operation_too_large|"));
    JsonNode batch = json(server.takeRequest(5, TimeUnit.SECONDS)).get("batch");
    assertThat(batch).hasSize(2);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void unauthorizedIsNotRetriedAndNamesTheVariablesNotTheKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).body("{\"meta\":{\"error\":\"Unauthorized request\"}}").build());
    Rejections rejections = new Rejections();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).listener(rejections).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      runtime.track(id("2"), "viewed", Fields.EMPTY);
      DeliveryReport report = runtime.flush(WAIT);
      assertThat(report).isEqualTo(new DeliveryReport(0, 2, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("unauthorized", 2L);
      assertThat(runtime.metrics().retried()).isZero();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(rejections.seen).hasSize(2).allSatisfy(s -> {
      assertThat(s).contains("CUSTOMERIO_SITE_ID").contains("CUSTOMERIO_API_KEY");
      assertThat(s).doesNotContain(API_KEY);
    });
  }

  @Test
  void clientErrorsAreRejectedWithoutRetry() throws Exception {
    for (int code : new int[] {400, 403, 404}) {
      server.enqueue(new MockResponse.Builder().code(code).body("{\"errors\":[{\"reason\":\"bad\"}]}").build());
    }
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      for (int i = 0; i < 3; i++) {
        runtime.track(id("1"), "viewed", Fields.EMPTY);
        runtime.flush(WAIT);
      }
      assertThat(runtime.metrics().rejectedByReason())
          .containsEntry("bad_request", 1L).containsEntry("forbidden", 1L).containsEntry("not_found", 1L);
      assertThat(runtime.metrics().retried()).isZero();
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void a207RejectsTheNamedItemsWithCustomerIosReasonAndDeliversTheRest() throws Exception {
    server.enqueue(new MockResponse.Builder().code(207).body(
        "{\"errors\":[{\"batch_index\":1,\"reason\":\"invalid_identifier\",\"field\":\"identifiers\",\"message\":\"bad id\"},"
            + "{\"batch_index\":3,\"reason\":\"too_large\"}]}").build());
    Rejections rejections = new Rejections();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).listener(rejections).build())) {
      for (int i = 0; i < 5; i++) {
        runtime.track(id("p" + i), "viewed_" + i, Fields.EMPTY);
      }
      DeliveryReport report = runtime.flush(WAIT);
      assertThat(report).isEqualTo(new DeliveryReport(3, 2, 0, 0));
      assertThat(runtime.metrics().rejectedByReason())
          .containsEntry("invalid_identifier", 1L).containsEntry("too_large", 1L);
    }
    assertThat(rejections.seen).containsExactlyInAnyOrder(
        "event|viewed_1|invalid_identifier|invalid_identifier (field identifiers): bad id",
        "event|viewed_3|too_large|too_large");
  }

  @Test
  void a413SplitsTheBatchInHalvesUntilItFits() throws Exception {
    server.enqueue(new MockResponse.Builder().code(413).build());
    server.enqueue(ok());
    server.enqueue(new MockResponse.Builder().code(413).build());
    server.enqueue(ok());
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      for (int i = 0; i < 8; i++) {
        runtime.track(id("p" + i), "viewed", Fields.EMPTY);
      }
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(8, 0, 0, 0));
    }
    int[] sizes = new int[5];
    for (int i = 0; i < 5; i++) {
      sizes[i] = json(server.takeRequest(5, TimeUnit.SECONDS)).get("batch").size();
    }
    assertThat(sizes).containsExactly(8, 4, 4, 2, 2);
  }

  @Test
  void bodiesAreCutAt500KbAndAtTheOperationCount() throws Exception {
    for (int i = 0; i < 20; i++) {
      server.enqueue(ok());
    }
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).batchMaxOperations(5000).build())) {
      Fields big = Fields.builder(1).put("text", "z".repeat(30_000)).build();
      for (int i = 0; i < 40; i++) { // 40 x ~30 KB = ~1.2 MB: at least three bodies
        runtime.track(id("p" + i), "wrote", big);
      }
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(40, 0, 0, 0));
    }
    int total = 0;
    int requests = server.getRequestCount();
    assertThat(requests).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < requests; i++) {
      String body = body(server.takeRequest(5, TimeUnit.SECONDS));
      assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(500_000);
      total += TestSupport.JSON.readTree(body).get("batch").size();
    }
    assertThat(total).isEqualTo(40);
  }

  @Test
  void serverErrorsAreRetriedUntilDelivered() throws Exception {
    server.enqueue(TestSupport.status(503));
    server.enqueue(TestSupport.status(429));
    server.enqueue(TestSupport.status(408));
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      runtime.track(id("2"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(2, 0, 0, 0));
      assertThat(runtime.metrics().retried()).isEqualTo(6); // 3 retries x 2 operations
    }
    assertThat(server.getRequestCount()).isEqualTo(4);
    // every attempt carries the same ids: Customer.io can drop a duplicate of a retried batch
    String first = json(server.takeRequest(5, TimeUnit.SECONDS)).at("/batch/0/id").asText();
    for (int i = 1; i < 4; i++) {
      assertThat(json(server.takeRequest(5, TimeUnit.SECONDS)).at("/batch/0/id").asText()).isEqualTo(first);
    }
  }

  @Test
  void gzipIsSentOnlyWhenAskedFor() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).gzip(true).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 0, 0, 0));
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
    assertThat(SpecValidator.batchErrors(body(request))).isEmpty();
  }

  @Test
  void byDefaultAFastFailingEndpointIsRetriedUntilRetryMaxTimeNotForAFixedCount() throws Exception {
    // twelve quick failures: an attempt count (the old default was 8) would have given the call up
    for (int i = 0; i < 12; i++) {
      server.enqueue(TestSupport.status(503));
    }
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 0, 0, 0));
    }
    assertThat(server.getRequestCount()).isEqualTo(13);
  }

  @Test
  void retriesAreBoundedInAttemptsThenTheCallsAreDropped() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(TestSupport.status(500));
    }
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).retryMaxAttempts(3).build())) {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(0, 0, 1, 0));
      assertThat(runtime.metrics().droppedByReason()).containsEntry("retries_exhausted", 1L);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void flushSendsAtOnceAndCloseSettlesEverythingThenDropsLaterCalls() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).flushInterval(Duration.ofMinutes(5)).build());
    runtime.track(id("1"), "viewed", Fields.EMPTY);
    assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(1, 0, 0, 0)); // not waiting 5 minutes
    runtime.track(id("2"), "viewed", Fields.EMPTY);
    runtime.track(id("3"), "viewed", Fields.EMPTY);
    DeliveryReport closed = runtime.close(WAIT);
    assertThat(closed).isEqualTo(new DeliveryReport(3, 0, 0, 0));
    runtime.track(id("4"), "viewed", Fields.EMPTY); // after close: dropped, never thrown
    assertThat(runtime.metrics().droppedByReason()).containsEntry("closed", 1L);
    assertThat(runtime.close(WAIT)).isEqualTo(closed); // idempotent
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("trackweave-batcher-test") && t.isAlive());
  }

  @Test
  void closeWithinItsDeadlineGivesUpWhatCannotBeSent() throws Exception {
    // Customer.io keeps failing: close must still return by its deadline, with nothing left pending
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return TestSupport.status(503);
      }
    });
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server)
        .retryInitialBackoff(Duration.ofMillis(200)).retryMaxBackoff(Duration.ofMillis(200))
        .retryMaxAttempts(1000).retryMaxTime(Duration.ofMinutes(5)).build());
    runtime.track(id("1"), "viewed", Fields.EMPTY);
    runtime.track(id("2"), "viewed", Fields.EMPTY);
    DeliveryReport flushed = runtime.flush(Duration.ofMillis(300));
    assertThat(flushed.pending()).isEqualTo(2);
    assertThat(flushed.complete()).isFalse();
    long start = System.nanoTime();
    DeliveryReport report = runtime.close(Duration.ofMillis(500));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(report).isEqualTo(new DeliveryReport(0, 0, 2, 0));
    assertThat(runtime.metrics().droppedByReason()).containsEntry("shutdown", 2L);
  }

  @Test
  void aFullQueueDropsTheNewestAndCountsIt() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        release.await(10, TimeUnit.SECONDS);
        return ok();
      }
    });
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server)
        .queueMaxOperations(10).batchMaxOperations(2).senders(1).build())) {
      for (int i = 0; i < 50; i++) {
        runtime.track(id("p" + i), "viewed", Fields.EMPTY);
      }
      MetricsSnapshot m = runtime.metrics();
      assertThat(m.enqueued()).isEqualTo(10);
      assertThat(m.droppedByReason()).containsEntry("queue_full", 40L);
      assertThat(m.queueOperations()).isEqualTo(10);
      release.countDown();
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(10, 0, 40, 0));
      assertThat(runtime.metrics().queueOperations()).isZero();
      assertThat(runtime.metrics().queueBytes()).isZero();
    }
  }

  @Test
  void installGloballyMakesItTheTrackerAndCloseUninstalls() throws Exception {
    server.enqueue(ok());
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build()).installGlobally();
    try {
      assertThat(Trackweave.tracker()).isSameAs(runtime);
      Trackweave.tracker().track(id("1"), "viewed", Fields.EMPTY, Tracker.NOW, null);
      assertThat(runtime.flush(WAIT).delivered()).isEqualTo(1);
    } finally {
      runtime.close(WAIT);
    }
    assertThat(Trackweave.tracker()).isSameAs(Tracker.NOOP);
  }

  @Test
  void withoutCredentialsItIsANoOpThatNeverThrows() {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.emptyConfig().build());
    assertThat(runtime.isEnabled()).isFalse();
    runtime.track(id("1"), "viewed", Fields.EMPTY);
    runtime.identify(id("1"), Fields.EMPTY);
    runtime.trackAnonymous("a", "viewed", Fields.EMPTY);
    assertThat(runtime.flush(Duration.ofSeconds(1))).isEqualTo(new DeliveryReport(0, 0, 3, 0));
    assertThat(runtime.metrics().droppedByReason()).containsEntry("disabled", 3L);
    assertThat(runtime.close(Duration.ofSeconds(1)).dropped()).isEqualTo(3);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("trackweave-batcher"));
  }

  @Test
  void plainHttpToAHostThatIsNotLoopbackIsRefused() {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.emptyConfig()
        .siteId("s").apiKey("k").endpoint("http://example.com:8080").build());
    assertThat(runtime.isEnabled()).isFalse();
    runtime.close(Duration.ofSeconds(1));
  }

  @Test
  void violationsAreCounted() {
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build());
    runtime.violation("order_completed", "revenue", "required property is null");
    assertThat(runtime.metrics().violations()).isEqualTo(1);
    runtime.close(WAIT);
  }

  @Test
  void eachDistinctReasonForBeingDisabledIsWarnedOnce() {
    String a = "http://disabled-a-" + System.nanoTime() + ".example:8080";
    String b = "http://disabled-b-" + System.nanoTime() + ".example:8080";
    try (LogRecorder log = LogRecorder.runtime()) {
      for (String endpoint : new String[] {a, b, a}) {
        TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.emptyConfig()
            .siteId("s").apiKey("k").endpoint(endpoint).build());
        assertThat(runtime.isEnabled()).isFalse();
        runtime.close(WAIT);
      }
      List<String> disabled = log.entries.stream().map(LogRecorder.Entry::message)
          .filter(m -> m.startsWith("Trackweave is disabled")).toList();
      assertThat(disabled).hasSize(2);
      assertThat(disabled.get(0)).contains(a);
      assertThat(disabled.get(1)).contains(b);
    }
  }

  @Test
  void aCallWhoseEstimateIsOverTheOperationLimitIsRejectedAtCapture() {
    String tenK = "x".repeat(10_000);
    Fields big = Fields.builder(4).put("a", tenK).put("b", tenK).put("c", tenK).put("d", tenK).build();
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).build());
    try {
      runtime.track(id("1"), "viewed", big);
      runtime.identify(id("1"), big); // also over the 1000-byte attribute value limit: rejected either way
      MetricsSnapshot m = runtime.metrics();
      assertThat(m.enqueued()).isZero(); // it never took queue room
      assertThat(m.rejectedByReason()).containsEntry("operation_too_large", 1L);
      assertThat(m.rejected()).isEqualTo(2);
    } finally {
      runtime.close(WAIT);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void closeCancelsARequestTheServerNeverAnswersAndGivesItsCallsUpByTheDeadline() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        release.await(60, TimeUnit.SECONDS); // holds the request far past close's deadline
        return ok();
      }
    });
    TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server)
        .readTimeout(Duration.ofSeconds(60)).callTimeout(Duration.ofSeconds(120)).build());
    try {
      runtime.track(id("1"), "viewed", Fields.EMPTY);
      runtime.track(id("2"), "viewed", Fields.EMPTY);
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull(); // a sender is blocked reading
      long start = System.nanoTime();
      DeliveryReport report = runtime.close(Duration.ofMillis(500));
      // without cancelling, the sender would sit in its socket read for the 60 s read timeout
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(report).isEqualTo(new DeliveryReport(0, 0, 2, 0));
      assertThat(runtime.metrics().droppedByReason()).containsEntry("shutdown", 2L);
    } finally {
      release.countDown();
    }
  }
}
