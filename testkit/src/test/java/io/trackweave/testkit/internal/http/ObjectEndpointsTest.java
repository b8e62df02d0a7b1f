package io.trackweave.testkit.internal.http;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.RelationshipView;
import io.trackweave.testkit.support.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customer.io objects and relationships through the Track API v2 ({@code /api/v2/entity} and {@code /api/v2/batch}):
 * every valid body here first passes the schema Customer.io's Track API document gives for it, every invalid one
 * first fails it, and then the emulator answers as the API does.
 */
class ObjectEndpointsTest {
  private static final String SPEC = "classpath:customerio-track-api.openapi.json";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.create().withoutRuntime();

  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void connect() {
    emulator = testkit.emulator();
    api = new ApiClient(emulator);
  }

  /**
   * The spec's {@code v2_cio_relationships} name a person by a oneOf of {@code id}, {@code email} and {@code cio_id}
   * branches that require nothing, so every person matches more than one branch and the oneOf refuses them all.
   */
  private static final Pattern OVERLAP =
      Pattern.compile("^/cio_relationships/(\\d+)/identifiers: must be valid to one and only one schema, but \\d are valid");
  private static final List<String> PERSON_BRANCHES = List.of("id", "email", "cio_id");

  /**
   * The body passes the spec's schema of that name (under components/schemas); a person in an object's {@code
   * cio_relationships} is checked against the one branch its single identifier names instead of the overlapping oneOf.
   */
  static String valid(String schema, String singleQuoted) {
    String body = json(singleQuoted);
    List<String> errors = new ArrayList<>();
    JsonNode relationships;
    try {
      relationships = ApiClient.JSON.readTree(body).path("cio_relationships");
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
    for (Object error : REGISTRY.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/" + schema)).validate(body, InputFormat.JSON)) {
      Matcher overlap = OVERLAP.matcher(error.toString());
      if (!overlap.find()) {
        errors.add(error.toString());
        continue;
      }
      JsonNode identifiers = relationships.path(Integer.parseInt(overlap.group(1))).path("identifiers");
      String key = identifiers.size() == 1 ? identifiers.fieldNames().next() : "";
      assertThat(PERSON_BRANCHES).as("a person named by one of id, email, cio_id: %s", identifiers).contains(key);
      String branch = "#/components/schemas/v2_cio_relationships/items/properties/identifiers/oneOf/" + PERSON_BRANCHES.indexOf(key);
      REGISTRY.getSchema(SchemaLocation.of(SPEC + branch)).validate(identifiers.toString(), InputFormat.JSON)
          .forEach(e -> errors.add(e.toString()));
    }
    assertThat(errors).as("spec errors of %s against %s", body, schema).isEmpty();
    return body;
  }

  /** The body breaks the spec's schema of that name: the emulator must refuse it too. */
  static String invalid(String schema, String singleQuoted) {
    String body = json(singleQuoted);
    assertThat(REGISTRY.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/" + schema)).validate(body, InputFormat.JSON))
        .as("the spec refuses %s", body).isNotEmpty();
    return body;
  }

  ApiClient.Reply entity(String body) {
    return api.post("/api/v2/entity", body);
  }

  ObjectView object(String typeId, String id) {
    return emulator.object(typeId, id).orElseThrow(() -> new AssertionError("no object " + typeId + "/" + id + " in " + emulator.objects()));
  }

  PersonView person(String identifier) {
    return emulator.person(identifier).orElseThrow(() -> new AssertionError("no person " + identifier + " in " + emulator.people()));
  }

  @Test
  void identifyCreatesThenUpdatesAnObjectAndRelatesThePeopleItNames() {
    assertThat(entity(valid("object_identify", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'identify','attributes':{'name':'Acme','plan':'pro','seats':5},"
        + "'cio_relationships':[{'identifiers':{'id':'42'},'relationship_attributes':{'role':'admin'}},"
        + "{'identifiers':{'email':'bo@example.com'}}]}")).status).isEqualTo(200);

    ObjectView acme = object("1", "acme");
    assertThat(acme.attributes().get("plan").asText()).isEqualTo("pro");
    assertThat(acme.cioObjectId()).isNotBlank();
    assertThat(acme.relationships()).extracting(r -> r.person().displayName()).containsExactly("42", "bo@example.com");
    assertThat(acme.relationships().get(0).attributes().get("role").asText()).isEqualTo("admin");
    assertThat(person("42").isRelatedTo("1", "acme")).isTrue();
    assertThat(person("bo@example.com").relationships()).singleElement()
        .satisfies(r -> assertThat(r.isTo("1", "acme")).isTrue());

    // an update merges: null and "" remove an attribute, as Customer.io documents for objects
    assertThat(entity(valid("object_identify", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'identify','attributes':{'plan':null,'name':'','seats':6}}")).status).isEqualTo(200);
    acme = object("1", "acme");
    assertThat(acme.attributes().has("plan")).isFalse();
    assertThat(acme.attributes().has("name")).isFalse();
    assertThat(acme.attributes().get("seats").asInt()).isEqualTo(6);
    assertThat(acme.relationships()).hasSize(2);
    assertThat(emulator.counts().objects()).isEqualTo(1);
    assertThat(emulator.counts().relationships()).isEqualTo(2);

    // the same id under another type is another object
    entity(valid("object_identify", "{'type':'object','identifiers':{'object_type_id':'2','object_id':'acme'},'action':'identify'}"));
    assertThat(emulator.objects()).extracting(ObjectView::displayName).containsExactly("1/acme", "2/acme");
  }

  @Test
  void aCioObjectIdFindsButNeverCreates() {
    entity(valid("object_identify", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'identify'}"));
    String cio = object("1", "acme").cioObjectId();
    assertThat(entity(valid("object_identify", "{'type':'object','identifiers':{'cio_object_id':'" + cio + "'},"
        + "'action':'identify','attributes':{'tier':'gold'}}")).status).isEqualTo(200);
    assertThat(object("1", "acme").attributes().get("tier").asText()).isEqualTo("gold");

    assertThat(entity(valid("object_identify", "{'type':'object','identifiers':{'cio_object_id':'nope'},'action':'identify'}")).status)
        .isEqualTo(200);
    assertThat(emulator.objects()).hasSize(1);
    assertThat(last().operations().get(0).outcome()).contains("no object with cio_object_id=nope");
  }

  @Test
  void relationshipsAreAddedAndDeletedFromEitherSide() {
    entity(valid("object_add_relationships", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'add_relationships','cio_relationships':[{'identifiers':{'id':'42'},'relationship_attributes':{'role':'owner'}}]}"));
    entity(valid("person_add_relationships", "{'type':'person','identifiers':{'id':'42'},'action':'add_relationships',"
        + "'cio_relationships':[{'identifiers':{'object_type_id':'3','object_id':'sub-42'},'relationship_attributes':{'seat':1}}]}"));
    PersonView p = person("42");
    assertThat(p.relationships()).extracting(RelationshipView::objectTypeId, RelationshipView::objectId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "acme"), org.assertj.core.groups.Tuple.tuple("3", "sub-42"));
    assertThat(object("3", "sub-42").relationships().get(0).attributes().get("seat").asInt()).isEqualTo(1);

    // adding again merges the relationship's attributes
    entity(valid("person_add_relationships", "{'type':'person','identifiers':{'id':'42'},'action':'add_relationships',"
        + "'cio_relationships':[{'identifiers':{'object_type_id':'3','object_id':'sub-42'},'relationship_attributes':{'seat':null,'level':'pro'}}]}"));
    assertThat(object("3", "sub-42").relationships()).singleElement().satisfies(r -> {
      assertThat(r.attributes().has("seat")).isFalse();
      assertThat(r.attributes().get("level").asText()).isEqualTo("pro");
    });

    assertThat(entity(valid("person_delete_relationships", "{'type':'person','identifiers':{'id':'42'},'action':'delete_relationships',"
        + "'cio_relationships':[{'identifiers':{'object_type_id':'3','object_id':'sub-42'}}]}")).status).isEqualTo(200);
    assertThat(entity(valid("object_delete_relationships", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'delete_relationships','cio_relationships':[{'identifiers':{'id':'42'}}]}")).status).isEqualTo(200);
    assertThat(person("42").relationships()).isEmpty();
    assertThat(emulator.objects()).hasSize(2).allSatisfy(o -> assertThat(o.relationships()).isEmpty());

    // deleting what is not there changes nothing, and says so
    entity(valid("object_delete_relationships", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'delete_relationships','cio_relationships':[{'identifiers':{'id':'42'}}]}"));
    assertThat(last().operations().get(0).accepted()).isFalse();
    assertThat(last().operations().get(0).outcome()).contains("no relationship of cio_");
  }

  @Test
  void deletingAnObjectRemovesItsRelationshipsAndDeletingAPersonRemovesTheirs() {
    entity(valid("object_identify", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'identify','cio_relationships':[{'identifiers':{'id':'1'}},{'identifiers':{'id':'2'}}]}"));
    entity(valid("object_identify", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'beta'},"
        + "'action':'identify','cio_relationships':[{'identifiers':{'id':'1'}}]}"));

    assertThat(entity(valid("object_delete", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'delete'}")).status)
        .isEqualTo(200);
    assertThat(emulator.object("1", "acme")).isEmpty();
    assertThat(person("1").relationships()).extracting(RelationshipView::objectId).containsExactly("beta");
    assertThat(person("2").relationships()).isEmpty();
    assertThat(last().operations().get(0).outcome()).isEqualTo("deleted object 1/acme and its 2 relationship(s)");

    entity(json("{'type':'person','identifiers':{'id':'1'},'action':'delete'}"));
    assertThat(object("1", "beta").relationships()).isEmpty();
    assertThat(emulator.counts().relationships()).isZero();
  }

  @Test
  void aMergedPersonsRelationshipsMoveToThePrimary() {
    entity(valid("person_add_relationships", "{'type':'person','identifiers':{'id':'old'},'action':'add_relationships',"
        + "'cio_relationships':[{'identifiers':{'object_type_id':'1','object_id':'acme'}}]}"));
    entity(json("{'type':'person','identifiers':{'id':'new'},'action':'identify'}"));
    entity(json("{'type':'person','action':'merge','primary':{'id':'new'},'secondary':{'id':'old'}}"));
    assertThat(person("new").isRelatedTo("1", "acme")).isTrue();
    assertThat(object("1", "acme").relationships()).singleElement().satisfies(r -> assertThat(r.person().displayName()).isEqualTo("new"));
  }

  @Test
  void aPersonsIdentifyRelatesTheObjectsItNames() {
    assertThat(entity(valid("identify_person", "{'type':'person','identifiers':{'id':'42'},'action':'identify',"
        + "'attributes':{'first_name':'Jane'},'cio_relationships':[{'identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'relationship_attributes':{'role':'buyer'}}]}")).status).isEqualTo(200);
    assertThat(person("42").relationships()).singleElement().satisfies(r -> {
      assertThat(r.isTo("1", "acme")).isTrue();
      assertThat(r.attributes().get("role").asText()).isEqualTo("buyer");
    });
    assertThat(person("42").attributes().has("cio_relationships")).isFalse();
  }

  @Test
  void aV1IdentifyAddsAndDeletesTheRelationshipsOfItsCioRelationships() {
    String add = valid("v1_cio_relationships", "{'action':'add_relationships','relationships':["
        + "{'identifiers':{'object_type_id':'1','object_id':'acme'},'relationship_attributes':{'role':'admin'}},"
        + "{'identifiers':{'object_type_id':'1','object_id':'beta'}}]}");
    assertThat(api.put("/api/v1/customers/42", "{\"first_name\":\"Jane\",\"cio_relationships\":" + add + "}").status)
        .isEqualTo(200);
    PersonView jane = person("42");
    assertThat(jane.relationships()).extracting(RelationshipView::objectId).containsExactly("acme", "beta");
    assertThat(jane.attributes().has("cio_relationships")).isFalse();
    assertThat(object("1", "acme").relationships().get(0).attributes().get("role").asText()).isEqualTo("admin");

    String delete = valid("v1_cio_relationships", "{'action':'delete_relationships','relationships':["
        + "{'identifiers':{'object_type_id':'1','object_id':'acme'}}]}");
    assertThat(api.put("/api/v1/customers/42", "{\"cio_relationships\":" + delete + "}").status).isEqualTo(200);
    assertThat(person("42").relationships()).extracting(RelationshipView::objectId).containsExactly("beta");

    String wrong = invalid("v1_cio_relationships", "{'action':'relate','relationships':[]}");
    ApiClient.Reply reply = api.put("/api/v1/customers/42", "{\"cio_relationships\":" + wrong + "}");
    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.json().at("/meta/errors/0").asText()).contains("add_relationships or delete_relationships");
    assertThat(api.put("/api/v1/customers/42", json("{'cio_relationships':{'action':'add_relationships'}}")).status)
        .isEqualTo(400);
    assertThat(person("42").relationships()).hasSize(1);
  }

  @Test
  void anAnonymousRelationshipCarriesOverToThePersonWhoseIdentifyClaimsIt() {
    assertThat(entity(valid("object_identify_anonymous", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'identify_anonymous','cio_relationships':[{'identifiers':{'anonymous_id':'anon-1'},'relationship_attributes':{'role':'trial'}}]}")).status)
        .isEqualTo(200);
    assertThat(object("1", "acme").relationships()).singleElement().satisfies(r -> {
      assertThat(r.person()).isNull();
      assertThat(r.anonymousId()).isEqualTo("anon-1");
    });
    assertThat(emulator.people()).isEmpty();

    entity(json("{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'anonymous_id':'anon-1'}}"));
    assertThat(object("1", "acme").relationships()).singleElement().satisfies(r -> {
      assertThat(r.person().displayName()).isEqualTo("42");
      assertThat(r.attributes().get("role").asText()).isEqualTo("trial");
    });
    assertThat(person("42").isRelatedTo("1", "acme")).isTrue();
  }

  @Test
  void invalidObjectCallsAre400WithTheFieldAtFault() {
    assertField(entity(invalid("object_identify", "{'type':'object','action':'identify'}")), "identifiers");
    assertField(entity(invalid("object_identify", "{'type':'object','identifiers':{'object_type_id':1,'object_id':'acme'},'action':'identify'}")),
        "identifiers.object_type_id");
    assertField(entity(invalid("object_identify", "{'type':'object','identifiers':{'object_type_id':'1'},'action':'identify'}")),
        "identifiers.object_id");
    assertField(entity(invalid("object_add_relationships", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'add_relationships'}")), "cio_relationships");
    assertField(entity(invalid("object_add_relationships", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'add_relationships','cio_relationships':{'identifiers':{'id':'42'}}}")), "cio_relationships");
    assertField(entity(invalid("person_add_relationships", "{'type':'person','identifiers':{'id':'42'},'action':'add_relationships',"
        + "'cio_relationships':[{'identifiers':{'object_id':'acme'}}]}")), "cio_relationships[0].identifiers.object_type_id");
    assertField(entity(invalid("object_operations", "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'fly'}")),
        "action");
    // a relationship names one person by one identifier
    assertField(entity(json("{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},"
        + "'action':'add_relationships','cio_relationships':[{'identifiers':{'id':'42','email':'x@y.z'}}]}")), "cio_relationships[0].identifiers");
    assertThat(emulator.objects()).isEmpty();
    assertThat(emulator.people()).isEmpty();
  }

  @Test
  void aBatchMixesPeopleAndObjectsAndAnswers207ForTheBadItems() {
    String body = json("{'batch':["
        + "{'type':'person','identifiers':{'id':'42'},'action':'identify','attributes':{'plan':'a'}},"
        + "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'identify','attributes':{'name':'Acme'}},"
        + "{'type':'object','identifiers':{'object_type_id':'x','object_id':'acme'},'action':'identify'},"
        + "{'type':'object','identifiers':{'object_type_id':'1','object_id':'acme'},'action':'add_relationships',"
        + "'cio_relationships':[{'identifiers':{'id':'42'}}]}]}");
    ApiClient.Reply reply = api.post("/api/v2/batch", body);
    assertThat(reply.status).isEqualTo(207);
    JsonNode errors = reply.json().get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("batch_index").asInt()).isEqualTo(2);
    assertThat(errors.get(0).get("field").asText()).isEqualTo("identifiers.object_type_id");
    assertThat(object("1", "acme").isRelatedTo("42")).isTrue();

    // the activity log records each object call, in words
    CallRecord call = last();
    assertThat(call.operations()).hasSize(4);
    assertThat(call.operations().get(1).description()).isEqualTo("object identify 1/acme");
    assertThat(call.operations().get(1).outcome()).startsWith("created object 1/acme (cio_object_id ");
    assertThat(call.operations().get(2).outcome()).startsWith("rejected: ");
    assertThat(call.operations().get(3).description()).isEqualTo("add_relationships [1/acme ~ id=42]");
    assertThat(call.operations().get(3).outcome()).startsWith("related cio_");
  }

  private static void assertField(ApiClient.Reply reply, String field) {
    assertThat(reply.status).as(reply.toString()).isEqualTo(400);
    assertThat(reply.json().at("/errors/0/field").asText()).as(reply.toString()).isEqualTo(field);
    assertThat(reply.json().at("/errors/0/message").asText()).isNotBlank();
  }

  private CallRecord last() {
    List<CallRecord> calls = emulator.calls();
    return calls.get(calls.size() - 1);
  }
}
