package io.trackweave.testkit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.ModelSnapshot;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.PlanViolation;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
  static ObjectNode attrs(String name, String value) {
    return JsonNodeFactory.instance.objectNode().put(name, value);
  }

  static Operation.Track event(String who, String name, String id) {
    return new Operation.Track(Identifier.id(who), null, name, "event", id, null, null);
  }

  @Test
  void evictsTheOldestEventsBeyondTheCapAndCountsThem() {
    Workspace people = new Workspace(3);
    for (int i = 0; i < 5; i++) {
      people.apply(event(i % 2 == 0 ? "a" : "b", "e" + i, null), List.of());
    }
    ModelSnapshot s = people.snapshot(Integer.MAX_VALUE);
    assertThat(s.counts().events()).isEqualTo(3);
    assertThat(s.counts().evicted()).isEqualTo(2);
    assertThat(s.people()).flatExtracting(PersonView::events).extracting(EventView::name)
        .containsExactlyInAnyOrder("e2", "e3", "e4");
  }

  @Test
  void evictionEmptiesAnonymousBuckets() {
    Workspace people = new Workspace(1);
    people.apply(new Operation.Track(null, "anon", "x", "event", null, null, null), List.of());
    people.apply(event("a", "y", null), List.of());
    assertThat(people.snapshot(10).anonymous()).isEmpty();
    assertThat(people.counts().evicted()).isEqualTo(1);
  }

  @Test
  void deletedPeoplesEventsNoLongerCountTowardsTheCap() {
    Workspace people = new Workspace(2);
    people.apply(event("a", "1", null), List.of());
    people.apply(event("a", "2", null), List.of());
    people.apply(new Operation.Delete(Identifier.id("a")), List.of());
    people.apply(event("b", "3", null), List.of());
    people.apply(event("b", "4", null), List.of());
    assertThat(people.counts().evicted()).isZero();
    assertThat(people.counts().events()).isEqualTo(2);
  }

  @Test
  void violationsAreKeptOnTheEventAndThePerson() {
    Workspace people = new Workspace(10);
    PlanViolation v = new PlanViolation("event e", "/x", "bad");
    people.apply(event("a", "e", null), List.of(v));
    people.apply(new Operation.Identify(Identifier.id("a"), attrs("k", "v"), null, false),
        List.of(new PlanViolation("attributes", "k", "unknown")));
    PersonView a = people.snapshot(10).people().get(0);
    assertThat(a.events().get(0).violations()).containsExactly(v);
    assertThat(a.violations()).extracting(PlanViolation::path).containsExactly("k");
    assertThat(people.counts().violations()).isEqualTo(2);
  }

  @Test
  void identifyWithAKnownEmailUpdatesThatPersonAndGivesThemThePathId() {
    Workspace people = new Workspace(10);
    people.apply(new Operation.Identify(Identifier.id("a"), attrs("email", "x@y.z"), null, false), List.of());
    Applied applied =
        people.apply(new Operation.Identify(Identifier.id("b"), attrs("email", "X@y.z"), null, false), List.of());
    // the body's email belongs to a: Customer.io updates that person and gives them the path id
    assertThat(applied.note()).contains("updated");
    assertThat(people.snapshot(10).people()).singleElement().extracting(PersonView::id).isEqualTo("b");
  }

  @Test
  void snapshotsAreCopies() {
    Workspace people = new Workspace(10);
    people.apply(new Operation.Identify(Identifier.id("a"), attrs("k", "v"), null, false), List.of());
    people.snapshot(10).people().get(0).attributes().put("k", "changed");
    assertThat(people.snapshot(10).people().get(0).attributes().get("k").asText()).isEqualTo("v");
  }

  @Test
  void concurrentOperationsLoseNothing() throws Exception {
    Workspace people = new Workspace(100_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      int thread = t;
      pool.execute(() -> {
        for (int i = 0; i < 1000; i++) {
          people.apply(event("p" + (i % 10), "e", "T" + thread + "-" + i), List.of());
          people.snapshot(5);
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(people.counts().events()).isEqualTo(4000);
    assertThat(people.counts().people()).isEqualTo(10);
  }
}
