package io.trackweave.runtime;

import static io.trackweave.runtime.TestSupport.body;
import static io.trackweave.runtime.TestSupport.config;
import static io.trackweave.runtime.TestSupport.json;
import static io.trackweave.runtime.TestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer.io objects and relationships through the whole runtime: captured and checked on the
 * caller's thread, batched, sent over real HTTP, every body validated against Customer.io's own
 * OpenAPI documents (Track API v2 and Data Pipelines), retried, split by a 207, spooled and replayed.
 */
class ObjectsTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ObjectRef ACME = ObjectRef.of("1", "acme");
  static final ObjectRef SUB = ObjectRef.of("2", "sub-42");

  @StartStop final MockWebServer server = new MockWebServer();

  static Person id(String id) {
    return Person.identified(IdentifierType.ID, id);
  }

  static final class Rejections implements DeliveryListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void rejected(String action, String name, String reason, String message) {
      seen.add(action + "|" + reason);
    }
  }

  /** The four object calls, through the {@link Tracker} interface generated code calls. */
  static void everyObjectCall(Tracker tracker) {
    tracker.identifyObject(ACME, Fields.builder(2).put("name", "Acme Corp").put("seats", 50L).build(), null);
    tracker.identifyObject(SUB, Fields.builder(1).put("plan", "pro").build(), id("42"));
    tracker.relate(Person.identified(IdentifierType.EMAIL, "jane@example.com"), ACME,
        Fields.builder(1).put("role", "admin").build(), true);
    tracker.relate(id("42"), ACME, Fields.builder(1).put("ignored", "on delete").build(), false);
    tracker.deleteObject(SUB);
  }

  @Test
  void v2SendsEveryObjectCallAsABatchItemThatTheSpecAccepts() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).senders(1).build())) {
      runtime.identify(id("42"), Fields.builder(1).put("plan", "pro").build());
      everyObjectCall(runtime);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(6, 0, 0, 0));
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/api/v2/batch");
    String body = body(request);
    assertThat(SpecValidator.objectBatchErrors(body)).isEmpty();
    JsonNode batch = json(request).get("batch");
    assertThat(batch).hasSize(6);
    // each item matches its own operation's schema, not merely one of the batch's alternatives
    String[] components = {"identify_person", "object_identify", "object_identify", "object_add_relationships",
        "object_delete_relationships", "object_delete"};
    for (int i = 0; i < components.length; i++) {
      assertThat(SpecValidator.objectComponent(components[i]).validate(batch.get(i))).as(components[i]).isEmpty();
    }
    JsonNode identify = batch.get(1);
    assertThat(identify.get("type").asText()).isEqualTo("object");
    assertThat(identify.get("action").asText()).isEqualTo("identify");
    assertThat(identify.get("identifiers").toString()).isEqualTo("{\"object_type_id\":\"1\",\"object_id\":\"acme\"}");
    assertThat(identify.at("/attributes/seats").asLong()).isEqualTo(50L);
    assertThat(identify.has("cio_relationships")).isFalse();
    JsonNode related = batch.get(2);
    assertThat(related.at("/cio_relationships/0/identifiers").toString()).isEqualTo("{\"id\":\"42\"}");
    assertThat(related.at("/identifiers/object_id").asText()).isEqualTo("sub-42");
    JsonNode add = batch.get(3);
    assertThat(add.get("action").asText()).isEqualTo("add_relationships");
    assertThat(add.at("/cio_relationships/0/identifiers").toString()).isEqualTo("{\"email\":\"jane@example.com\"}");
    assertThat(add.at("/cio_relationships/0/relationship_attributes/role").asText()).isEqualTo("admin");
    JsonNode remove = batch.get(4);
    assertThat(remove.get("action").asText()).isEqualTo("delete_relationships");
    assertThat(remove.at("/cio_relationships/0").has("relationship_attributes")).isFalse();
    assertThat(batch.get(5).toString())
        .isEqualTo("{\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"2\",\"object_id\":\"sub-42\"},"
            + "\"action\":\"delete\"}");
  }

  @Test
  void thePublishedSpecRejectsEveryRelationshipWhichIsWhyItsCopyIsMended() {
    String related = "{\"batch\":[{\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"1\","
        + "\"object_id\":\"acme\"},\"action\":\"add_relationships\",\"cio_relationships\":[{\"identifiers\":"
        + "{\"id\":\"42\"},\"relationship_attributes\":{\"role\":\"admin\"}}]}]}";
    // this is the spec's own example for the batch; as published it matches two identifier branches
    assertThat(SpecValidator.batchErrors(related)).isNotEmpty();
    assertThat(SpecValidator.objectBatchErrors(related)).isEmpty();
    assertThat(SpecValidator.objectBatchErrors(related.replace("{\"id\":\"42\"}", "{\"phone\":\"+1\"}")))
        .isNotEmpty();
  }

  @Test
  void theSpecValidatorRejectsABrokenObjectItem() {
    // guards the guard: an add_relationships without cio_relationships, and an object without its type
    assertThat(SpecValidator.objectBatchErrors("{\"batch\":[{\"type\":\"object\",\"identifiers\":{\"object_type_id\":\"1\","
        + "\"object_id\":\"a\"},\"action\":\"add_relationships\"}]}")).isNotEmpty();
    assertThat(SpecValidator.objectComponent("object_delete").validate(
        TestSupport.JSON.valueToTree(java.util.Map.of("type", "object", "action", "delete",
            "identifiers", java.util.Map.of("object_id", "a"))))).isNotEmpty();
  }

  @Test
  void aRetriedObjectBatchIsResentUnchangedAndA207RejectsOnlyTheNamedObjectItem() throws Exception {
    server.enqueue(TestSupport.status(503));
    server.enqueue(new MockResponse.Builder().code(207).body(
        "{\"errors\":[{\"batch_index\":2,\"reason\":\"invalid_object\",\"field\":\"identifiers\","
            + "\"message\":\"no such object type\"}]}").build());
    Rejections rejections = new Rejections();
    try (TrackweaveRuntime runtime =
        TrackweaveRuntime.create(config(server).senders(1).listener(rejections).build())) {
      everyObjectCall(runtime);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(4, 1, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("invalid_object", 1L);
    }
    assertThat(rejections.seen).containsExactly("add_relationships|invalid_object");
    String first = body(server.takeRequest(5, TimeUnit.SECONDS));
    String retried = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(retried).isEqualTo(first);
    assertThat(SpecValidator.objectBatchErrors(retried)).isEmpty();
  }

  @Test
  void pipelinesSendsObjectsAsGroupCallsAndSemanticEventsThatTheSpecAccepts() throws Exception {
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(PipelinesEndpointsTest.pipelines(server).senders(1).build())) {
      runtime.identifyObject(SUB, Fields.builder(2).put("plan", "pro").put("object_type_id", "9").build(), id("42"));
      runtime.relate(Person.identified(IdentifierType.EMAIL, "jane@example.com"), ACME,
          Fields.builder(1).put("role", "admin").build(), true);
      runtime.relate(id("42"), ACME, Fields.EMPTY, true);
      runtime.relate(id("42"), ACME, Fields.EMPTY, false);
      runtime.deleteObject(SUB);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(5, 0, 0, 0));
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getTarget()).isEqualTo("/v1/batch");
    String body = body(request);
    assertThat(SpecValidator.pipelinesBatchErrors(body)).isEmpty();
    JsonNode items = TestSupport.JSON.readTree(body).get("batch");
    assertThat(items).hasSize(5);

    JsonNode group = items.get(0);
    assertThat(group.get("type").asText()).isEqualTo("group");
    assertThat(group.get("userId").asText()).isEqualTo("42");
    assertThat(group.get("groupId").asText()).isEqualTo("sub-42");
    assertThat(group.at("/traits/object_type_id").asText()).isEqualTo("2"); // the ObjectRef's, not the attribute's
    assertThat(group.at("/traits/plan").asText()).isEqualTo("pro");
    assertThat(group.get("messageId").asText()).hasSize(26);
    assertThat(SpecValidator.pipelinesAt("/components/schemas/group/oneOf/0").validate(group)).isEmpty();
    assertThat(body.split("\"object_type_id\"", -1)).hasSize(3 + 1); // written once per group call

    JsonNode relate = items.get(1);
    assertThat(relate.get("type").asText()).isEqualTo("group");
    assertThat(relate.get("userId").asText()).isEqualTo("jane@example.com");
    assertThat(relate.at("/traits/relationshipAttributes/role").asText()).isEqualTo("admin");
    assertThat(relate.at("/traits").size()).isEqualTo(2); // the type and the relationship: no object attribute
    assertThat(items.get(2).at("/traits").has("relationshipAttributes")).isFalse();

    JsonNode unrelate = items.get(3);
    assertThat(unrelate.get("type").asText()).isEqualTo("track");
    assertThat(unrelate.get("event").asText()).isEqualTo("Relationship Deleted");
    assertThat(unrelate.at("/properties/objectId").asText()).isEqualTo("acme");
    assertThat(unrelate.at("/properties/objectTypeId").isInt()).isTrue();
    assertThat(SpecValidator.pipelinesAt("/components/schemas/relationship_deleted").validate(unrelate)).isEmpty();

    JsonNode delete = items.get(4);
    assertThat(delete.get("event").asText()).isEqualTo("Object Deleted");
    assertThat(delete.at("/properties/objectTypeId").asInt()).isEqualTo(2);
    assertThat(delete.get("anonymousId").asText()).isEqualTo(delete.get("messageId").asText());
    assertThat(SpecValidator.pipelinesAt("/components/schemas/group_deleted").validate(delete)).isEmpty();
  }

  @Test
  void pipelinesRefusesAnObjectWithoutAPersonAtCaptureWithOneWarning() throws Exception {
    Rejections rejections = new Rejections();
    try (LogRecorder log = LogRecorder.runtime();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(
            PipelinesEndpointsTest.pipelines(server).listener(rejections).build())) {
      runtime.identifyObject(ACME, Fields.builder(1).put("name", "Acme").build(), null);
      runtime.identifyObject(SUB, Fields.EMPTY, null);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(0, 2, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsEntry("object_needs_person_on_pipelines", 2L);
      runtime.close(WAIT);
      // warned (rate-limited: both calls usually in one line), in Customer.io's terms, naming the setting
      assertThat(log.at(Level.WARNING)).filteredOn(e -> e.message().contains("rejected and not retried"))
          .isNotEmpty().allSatisfy(e -> assertThat(e.message())
              .contains("object_needs_person_on_pipelines", "group call", "api.version=v2"));
    }
    assertThat(rejections.seen).containsOnly("object_identify|object_needs_person_on_pipelines");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void trackApiV1RefusesEveryObjectCallNamingTheSettingsThatHaveObjects() throws Exception {
    Rejections rejections = new Rejections();
    try (TrackweaveRuntime runtime =
        TrackweaveRuntime.create(config(server).apiVersion(ApiVersion.V1).listener(rejections).build())) {
      everyObjectCall(runtime);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(0, 5, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsOnly(
          java.util.Map.entry("objects_need_v2_or_pipelines", 5L));
    }
    assertThat(rejections.seen).containsExactly("object_identify|objects_need_v2_or_pipelines",
        "object_identify|objects_need_v2_or_pipelines", "add_relationships|objects_need_v2_or_pipelines",
        "delete_relationships|objects_need_v2_or_pipelines", "object_delete|objects_need_v2_or_pipelines");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void captureRefusesBadObjectsAndOversizedAttributesWithTheirReasonsAndNeverThrows() throws Exception {
    Fields tooMany = many(301);
    Fields longValue = Fields.builder(1).put("notes", "x".repeat(1001)).build();
    Fields longName = Fields.builder(1).put("n".repeat(151), 1L).build();
    server.enqueue(ok());
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config(server).senders(1).build())) {
      runtime.identifyObject(null, Fields.EMPTY, null);
      runtime.identifyObject(ObjectRef.of("", "acme"), Fields.EMPTY, null);
      runtime.deleteObject(ObjectRef.of("1", ""));
      runtime.deleteObject(ObjectRef.of("Companies", "acme"));
      runtime.relate(id("42"), ObjectRef.of("01", "acme"), Fields.EMPTY, true);
      runtime.relate(id("42"), ObjectRef.of("-1", "acme"), Fields.EMPTY, false);
      runtime.identifyObject(ObjectRef.of("1", "é".repeat(76)), Fields.EMPTY, null); // 152 bytes
      runtime.identifyObject(ACME, tooMany, null);
      runtime.identifyObject(ACME, longValue, null);
      runtime.relate(id("42"), ACME, longName, true);
      runtime.relate(id("42"), ACME, Fields.builder(1).put("nan", Double.NaN).build(), true);
      runtime.relate(null, ACME, Fields.EMPTY, true);
      runtime.relate(Person.anonymous("anon-1"), ACME, Fields.EMPTY, false);
      runtime.relate(Person.identified(IdentifierType.PHONE, "+14155552671"), ACME, Fields.EMPTY, true);
      runtime.identifyObject(ACME, Fields.EMPTY, Person.identified(IdentifierType.PHONE, "+14155552671"));
      // the limits' edges are accepted: 150 bytes of id, 300 attributes, 1000-byte values
      runtime.identifyObject(ObjectRef.of("1", "é".repeat(75)), many(300), null);
      runtime.relate(id("42"), ACME, Fields.builder(1).put("notes", "x".repeat(1000)).build(), false);
      assertThat(runtime.flush(WAIT)).isEqualTo(new DeliveryReport(2, 15, 0, 0));
      assertThat(runtime.metrics().rejectedByReason()).containsOnly(
          java.util.Map.entry("missing_object", 3L),
          java.util.Map.entry("object_type_id_not_integer", 3L),
          java.util.Map.entry("object_id_too_long", 1L),
          java.util.Map.entry("too_many_attributes", 1L),
          java.util.Map.entry("attribute_value_too_large", 1L),
          java.util.Map.entry("attribute_name_too_long", 1L),
          java.util.Map.entry("non_finite_number", 1L),
          java.util.Map.entry("missing_identifier", 2L),
          java.util.Map.entry("relationship_needs_id_email_or_cio_id", 2L));
    }
    String body = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(SpecValidator.objectBatchErrors(body)).isEmpty();
  }

  private static Fields many(int n) {
    Fields.Builder b = Fields.builder(n);
    for (int i = 0; i < n; i++) {
      b.put("a" + i, (long) i);
    }
    return b.build();
  }

  @Test
  void objectCallsLeftUnsentAreSpooledAndReplayedByTheNextRuntime(@TempDir Path dir) throws Exception {
    TrackweaveConfig unreachable = config(server)
        .endpoint("http://127.0.0.1:9/") // nothing listens: every attempt fails and is retried
        .spoolEnabled(true).spoolDir(dir).senders(1).name("objects-spool-1").build();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(unreachable)) {
      everyObjectCall(runtime);
      DeliveryReport closing = runtime.close(Duration.ofSeconds(3));
      assertThat(closing.delivered()).isZero();
      assertThat(closing.rejected()).isZero();
    }
    server.enqueue(ok());
    server.enqueue(ok());
    TrackweaveConfig reachable = config(server).spoolEnabled(true).spoolDir(dir).senders(1)
        .name("objects-spool-2").build();
    List<JsonNode> items = new ArrayList<>();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(reachable)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (items.size() < 5 && System.nanoTime() < deadline) {
        RecordedRequest r = server.takeRequest(200, TimeUnit.MILLISECONDS);
        if (r != null) {
          String body = body(r);
          assertThat(SpecValidator.objectBatchErrors(body)).isEmpty();
          TestSupport.JSON.readTree(body).get("batch").forEach(items::add);
        }
      }
    }
    List<String> replayed = new ArrayList<>();
    items.forEach(i -> replayed.add(i.get("action").asText() + " " + i.at("/identifiers/object_type_id").asText()
        + "/" + i.at("/identifiers/object_id").asText()));
    assertThat(replayed).containsExactly("identify 1/acme", "identify 2/sub-42", "add_relationships 1/acme",
        "delete_relationships 1/acme", "delete 2/sub-42");
    assertThat(items.get(1).at("/cio_relationships/0/identifiers/id").asText()).isEqualTo("42");
    assertThat(items.get(2).at("/cio_relationships/0/relationship_attributes/role").asText()).isEqualTo("admin");
  }
}
