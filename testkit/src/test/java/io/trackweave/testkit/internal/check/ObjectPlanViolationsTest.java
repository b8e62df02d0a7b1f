package io.trackweave.testkit.internal.check;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.model.PlanViolation;
import io.trackweave.testkit.support.ApiClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Object calls that break the plan's {@code objects} section are applied, as Customer.io would, and
 * marked: an attribute the object type does not declare or of the wrong value, a relationship attribute
 * outside its {@code relationship} schema, an object type id the plan does not know.
 */
class ObjectPlanViolationsTest {
  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.withPlan("plans/objects-plan.yaml").withoutRuntime();

  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void connect() {
    emulator = testkit.emulator();
    api = new ApiClient(emulator);
  }

  List<PlanViolation> violationsOfLastCall() {
    List<CallRecord> calls = emulator.calls();
    return calls.get(calls.size() - 1).operations().stream().flatMap(o -> o.violations().stream()).toList();
  }

  @Test
  void anObjectThatFitsItsTypeHasNoViolations() {
    api.post("/api/v2/entity", json("{'type':'object','action':'identify','identifiers':{'object_type_id':'2',"
        + "'object_id':'sub-1'},'attributes':{'plan':'pro','seats':3},'cio_relationships':[{'identifiers':{'id':'42'},"
        + "'relationship_attributes':{'role':'owner'}}]}"));
    assertThat(violationsOfLastCall()).isEmpty();
    assertThat(emulator.counts().violations()).isZero();
    assertThat(emulator.object("2", "sub-1")).isPresent();
  }

  @Test
  void attributesOutsideTheObjectTypeAreMarkedButApplied() {
    api.post("/api/v2/entity", json("{'type':'object','action':'identify','identifiers':{'object_type_id':'2',"
        + "'object_id':'sub-2'},'attributes':{'plan':'gold','seat':3}}"));
    assertThat(violationsOfLastCall()).extracting(PlanViolation::subject).containsOnly("object 2/sub-2");
    assertThat(violationsOfLastCall()).extracting(v -> v.path() + ": " + v.message())
        .anySatisfy(m -> assertThat(m).startsWith("plan: ").contains("gold"))
        .anySatisfy(m -> assertThat(m).isEqualTo("seat: is not an attribute of object type subscription in plan"
            + " objects-test (did you mean 'seats'?); add it to objects.subscription.attributes"));
    assertThat(emulator.object("2", "sub-2").orElseThrow().attributes().get("plan").asText()).isEqualTo("gold");
  }

  @Test
  void aRelationshipAttributeOutsideItsSchemaIsMarked() {
    api.post("/api/v2/entity", json("{'type':'person','action':'add_relationships','identifiers':{'id':'42'},"
        + "'cio_relationships':[{'identifiers':{'object_type_id':'2','object_id':'sub-3'},"
        + "'relationship_attributes':{'role':'admin'}}]}"));
    assertThat(violationsOfLastCall()).singleElement().satisfies(v -> {
      assertThat(v.subject()).isEqualTo("relationship 2/sub-3");
      assertThat(v.path()).isEqualTo("role");
    });
  }

  @Test
  void anObjectTypeThePlanDoesNotKnowIsMarked() {
    api.post("/api/v2/entity", json("{'type':'object','action':'identify','identifiers':{'object_type_id':'7',"
        + "'object_id':'x'},'attributes':{'a':1}}"));
    assertThat(violationsOfLastCall()).singleElement().satisfies(v -> assertThat(v.message())
        .isEqualTo("no object type in plan objects-test has object_type_id '7' (declared: 2)"));
  }
}
