package io.trackweave.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.ObjectRef;
import io.trackweave.api.Person;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.DeliveryReport;
import io.trackweave.runtime.TrackweaveRuntime;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real runtime's object calls against the emulator, over the Track API v2 and the Data Pipelines
 * API: each one must land in the emulator's model of objects and relationships as Customer.io would
 * apply it (the wire bodies themselves are checked against both specs in the runtime's ObjectsTest).
 */
class ObjectRoundTripTest {
  private static final ObjectRef ACME = ObjectRef.of("1", "acme");
  private static final ObjectRef GLOBEX = ObjectRef.of("1", "globex");

  static void everyObjectCall(TrackApiExtension api) {
    TrackweaveRuntime runtime = api.runtime();
    Person jane = Person.identified(IdentifierType.ID, "jane");
    Person bob = Person.identified(IdentifierType.ID, "bob");
    runtime.identify(jane, Fields.builder(1).put("email", "jane@example.com").build(), false);
    runtime.identify(bob, Fields.EMPTY, false);
    runtime.identifyObject(ACME, Fields.builder(2).put("plan", "pro").put("seats", 12L).build(), jane);
    runtime.relate(bob, ACME, Fields.builder(1).put("role", "admin").build(), true);
    runtime.identifyObject(GLOBEX, Fields.builder(1).put("plan", "basic").build(), bob);
    DeliveryReport first = runtime.flush(Duration.ofSeconds(10));
    assertThat(first.rejected()).isZero();

    api.assertThat().object("1", "acme").withAttribute("plan", "pro").withAttribute("seats", 12)
        .relatedTo("jane").relatedTo("bob", "role", "admin").exists();
    api.assertThat().identified("bob").relatedTo("1", "globex").exists();

    // the relationship goes, then the object with the rest of its relationships
    runtime.relate(bob, ACME, Fields.EMPTY, false);
    runtime.deleteObject(GLOBEX);
    DeliveryReport second = runtime.flush(Duration.ofSeconds(10));
    assertThat(second.rejected()).isZero();
    api.assertThat().object("1", "acme").relatedTo("jane").notRelatedTo("bob").exists();
    api.assertThat().object("1", "globex").doesNotExist();
    api.assertThat().identified("bob").notRelatedTo("1", "globex").exists();
    api.assertThat().noFailedCalls();
  }

  @Nested
  class OverV2 {
    @RegisterExtension
    TrackApiExtension api = TrackApiExtension.create().configureRuntime(b -> b.apiVersion(ApiVersion.V2));

    @Test
    void everyObjectCallLands() {
      everyObjectCall(api);
      assertThat(api.emulator().calls()).anySatisfy(c -> assertThat(c.path()).isEqualTo("/api/v2/batch"));
    }
  }

  @Nested
  class OverPipelines {
    @RegisterExtension
    TrackApiExtension api = TrackApiExtension.create().api(ApiVersion.PIPELINES);

    @Test
    void everyObjectCallLands() {
      everyObjectCall(api);
      assertThat(api.emulator().calls()).allSatisfy(c -> assertThat(c.path()).startsWith("/v1/"));
    }
  }
}
