package io.trackweave.testkit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.ObjectView;
import io.trackweave.testkit.model.RelationshipView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects and relationships in the workspace, operation by operation, on a clock the test moves. */
class ObjectBookTest {
  final ManualClock clock = ManualClock.fixedAt(Instant.parse("2026-12-01T10:00:00Z"));
  final Workspace workspace = new Workspace(100, clock, null);
  final ObjectId acme = ObjectId.of("1", "acme");

  static ObjectNode attrs(String name, String value) {
    return JsonNodeFactory.instance.objectNode().put(name, value);
  }

  Applied apply(Operation operation) {
    return workspace.apply(operation, List.of());
  }

  Operation identify(ObjectId object, ObjectNode attributes, Relation... relations) {
    return new Operation.IdentifyObject(object, attributes, List.of(relations));
  }

  Relation with(String personId) {
    return new Relation(acme, Identifier.id(personId), null, null);
  }

  @Test
  void identifyCreatesOnceThenUpdatesAndKeepsTimes() {
    assertThat(apply(identify(acme, attrs("plan", "pro"))).note()).startsWith("created object 1/acme (cio_object_id ob");
    Instant created = clock.instant();
    clock.advance(Duration.ofMinutes(3));
    Applied second = apply(identify(acme, attrs("seats", "5")));
    assertThat(second.changed()).isTrue();
    assertThat(second.note()).isEqualTo("updated object 1/acme");
    ObjectView o = workspace.snapshot(10).object("1", "acme");
    assertThat(o.attributes().get("plan").asText()).isEqualTo("pro");
    assertThat(o.attributes().get("seats").asText()).isEqualTo("5");
    assertThat(o.createdAt()).isEqualTo(created);
    assertThat(o.updatedAt()).isEqualTo(created.plus(Duration.ofMinutes(3)));
  }

  @Test
  void relationshipsAreSeenFromBothSidesAndCounted() {
    apply(identify(acme, null, with("42"), with("43")));
    apply(new Operation.Relate(Identifier.id("42"),
        List.of(new Relation(ObjectId.of("2", "sub-1"), null, null, attrs("seat", "1"))), true));
    ModelSnapshot s = workspace.snapshot(10);
    assertThat(s.counts().objects()).isEqualTo(2);
    assertThat(s.counts().relationships()).isEqualTo(3);
    assertThat(s.counts().people()).isEqualTo(2);
    assertThat(s.people().get(0).relationships()).extracting(RelationshipView::objectId).containsExactly("acme", "sub-1");
    assertThat(s.object("2", "sub-1").relationships()).singleElement()
        .satisfies(r -> assertThat(r.attributes().get("seat").asText()).isEqualTo("1"));
  }

  @Test
  void aSuppressedPersonIsNotRelatedAndAnUnknownCioIdIsNotCreated() {
    apply(new Operation.Suppress(Identifier.id("bad")));
    Applied applied = apply(identify(acme, null, with("bad"),
        new Relation(acme, Identifier.cioId("nobody"), null, null)));
    assertThat(applied.note()).contains("id=bad is suppressed").contains("no person with cio_id=nobody");
    ModelSnapshot s = workspace.snapshot(10);
    assertThat(s.people()).isEmpty();
    assertThat(s.object("1", "acme").relationships()).isEmpty();
  }

  @Test
  void deletingRelationshipsNeverCreatesPeopleOrObjects() {
    Applied applied = apply(new Operation.Relate(Identifier.id("42"), List.of(new Relation(acme, null, null, null)), false));
    assertThat(applied.changed()).isFalse();
    assertThat(applied.note()).contains("no person with id=42");
    apply(new Operation.Identify(Identifier.id("42"), JsonNodeFactory.instance.objectNode(), null, false));
    applied = apply(new Operation.Relate(Identifier.id("42"), List.of(new Relation(acme, null, null, null)), false));
    assertThat(applied.changed()).isFalse();
    assertThat(applied.note()).contains("no object 1/acme");
    assertThat(workspace.snapshot(10).objects()).isEmpty();
  }

  @Test
  void suppressingAPersonRemovesTheirRelationships() {
    apply(identify(acme, null, with("42")));
    apply(new Operation.Suppress(Identifier.id("42")));
    assertThat(workspace.counts().relationships()).isZero();
    assertThat(workspace.snapshot(10).object("1", "acme")).isNotNull();
  }

  @Test
  void snapshotsAreCopiesAndClearForgetsObjects() {
    apply(identify(acme, attrs("plan", "pro"), with("42")));
    ObjectView copy = workspace.snapshot(10).object("1", "acme");
    copy.attributes().put("plan", "changed");
    copy.relationships().get(0).attributes().put("role", "changed");
    ObjectView again = workspace.snapshot(10).object("1", "acme");
    assertThat(again.attributes().get("plan").asText()).isEqualTo("pro");
    assertThat(again.relationships().get(0).attributes().isEmpty()).isTrue();

    workspace.clear();
    assertThat(workspace.snapshot(10).objects()).isEmpty();
    assertThat(workspace.counts().objects()).isZero();
  }
}
