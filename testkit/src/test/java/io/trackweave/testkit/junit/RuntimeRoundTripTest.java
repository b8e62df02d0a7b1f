package io.trackweave.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.Device;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.model.PersonView;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real runtime against the emulator over both Track API versions and the Data Pipelines API: every operation the runtime can
 * send must land in the emulator's model as Customer.io would apply it.
 */
class RuntimeRoundTripTest {

  static void everyOperation(TrackApiExtension api) {
    TrackweaveRuntime runtime = api.runtime();
    Person jane = Person.identified(IdentifierType.ID, "jane");
    Person guest = Person.anonymous("guest-1");
    runtime.trackAnonymous(guest.anonymousId(), "product_viewed", Fields.builder(1).put("sku", "s-1").build(),
        Tracker.NOW, null);
    runtime.identify(new Person(IdentifierType.ID, "jane", "guest-1"),
        Fields.builder(2).put("email", "jane+shop@example.com").put("total_orders", 1L).build(), false);
    runtime.track(jane, "order_completed", Fields.builder(1).put("order_id", "o-1").build(), 1_700_000_000L, "o-1");
    runtime.track(jane, "order_completed", Fields.builder(1).put("order_id", "o-1").build(), 1_700_000_000L, "o-1");
    runtime.addDevice(jane, Device.ios("token/with slash"));
    runtime.identify(Person.identified(IdentifierType.ID, "jane-old"), Fields.builder(1).put("city", "Oslo").build(), false);
    runtime.track(Person.identified(IdentifierType.ID, "jane-old"), "subscription_paused",
        Fields.builder(1).put("subscription_id", "sub-1").build(), Tracker.NOW, null);
    api.assertThat().identified("jane-old").exists(); // the merge needs both people first
    runtime.mergeCustomers(jane, Person.identified(IdentifierType.ID, "jane-old"));
    runtime.identify(Person.identified(IdentifierType.EMAIL, "spam@example.com"), Fields.EMPTY, false);
    runtime.suppress(Person.identified(IdentifierType.EMAIL, "spam@example.com"));
    runtime.identify(Person.identified(IdentifierType.ID, "gone"), Fields.EMPTY, false);
    runtime.delete(Person.identified(IdentifierType.ID, "gone"));

    api.assertThat().identified("gone").doesNotExist();
    api.assertThat().identified("spam@example.com").doesNotExist();
    PersonView p = api.assertThat().identified("jane").withAttribute("email", "jane+shop@example.com")
        .withAttribute("total_orders", 1).withAttribute("city", "Oslo").exists();
    api.assertThat().identified("jane+shop@example.com").exists();
    api.assertThat().tracked("product_viewed").forCustomer("jane").forAnonymous("guest-1").exactlyOnce();
    api.assertThat().tracked("order_completed").forCustomer("jane").exactlyOnce();
    api.assertThat().tracked("subscription_paused").forCustomer("jane").exactlyOnce();
    assertThat(p.devices()).singleElement().satisfies(d -> {
      assertThat(d.token()).isEqualTo("token/with slash");
      assertThat(d.platform()).isEqualTo("ios");
    });
    assertThat(api.assertThat().snapshot().suppressed()).contains(Identifier.email("spam@example.com"));
    assertThat(api.people()).hasSize(1);
    api.assertThat().noFailedCalls();
  }

  @Nested
  class OverV2 {
    @RegisterExtension
    TrackApiExtension api = TrackApiExtension.create().configureRuntime(b -> b.apiVersion(ApiVersion.V2));

    @Test
    void everyOperationLands() {
      everyOperation(api);
      assertThat(api.emulator().calls()).anySatisfy(c -> assertThat(c.path()).isEqualTo("/api/v2/batch"));
    }
  }

  @Nested
  class OverV1 {
    @RegisterExtension
    TrackApiExtension api = TrackApiExtension.create().configureRuntime(b -> b.apiVersion(ApiVersion.V1));

    @Test
    void everyOperationLands() {
      everyOperation(api);
      assertThat(api.emulator().calls()).noneSatisfy(c -> assertThat(c.path()).startsWith("/api/v2"));
    }
  }

  @Nested
  class OverPipelines {
    @RegisterExtension
    TrackApiExtension api = TrackApiExtension.create().api(ApiVersion.PIPELINES);

    @Test
    void everyOperationLands() {
      everyOperation(api);
      assertThat(api.emulator().calls()).allSatisfy(c -> assertThat(c.path()).startsWith("/v1/"));
      assertThat(api.emulator().calls()).anySatisfy(c -> assertThat(c.path()).isEqualTo("/v1/batch"));
      assertThat(api.emulator().calls()).anySatisfy(c -> assertThat(c.path()).isEqualTo("/v1/alias"));
      // the anonymous event travelled in a batch like any other call, not in a request of its own
      assertThat(api.emulator().calls()).noneSatisfy(c -> assertThat(c.path()).isEqualTo("/v1/track"));
    }
  }
}
