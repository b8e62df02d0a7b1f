package io.trackweave.testkit.internal.check;

import static io.trackweave.testkit.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.junit.TrackApiExtension;
import io.trackweave.testkit.model.CallRecord;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.model.PlanViolation;
import io.trackweave.testkit.support.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls that break the shop's tracking plan are stored, as Customer.io would, but marked. */
class PlanViolationsTest {
  @RegisterExtension
  static final TrackApiExtension testkit = TrackApiExtension.withPlan("shop-tracking-plan.yaml").withoutRuntime();

  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void connect() {
    emulator = testkit.emulator();
    api = new ApiClient(emulator);
  }

  static final String GOOD_ORDER =
      "{'order_id':'o-1','revenue':30.5,'currency':'EUR','is_first_order':true,"
          + "'items':[{'sku':'s-1','product_name':'Socks','quantity':2,'unit_price':15.25}]}";

  EventView onlyEvent(String customer) {
    PersonView p = emulator.person(customer).orElseThrow();
    assertThat(p.events()).hasSize(1);
    return p.events().get(0);
  }

  @Test
  void aValidEventHasNoViolations() {
    api.post("/api/v2/entity", json("{'type':'person','identifiers':{'id':'42'},'action':'event','name':'order_completed','attributes':" + GOOD_ORDER + "}"));
    assertThat(onlyEvent("42").violations()).isEmpty();
    assertThat(emulator.counts().violations()).isZero();
  }

  @Test
  void anInvalidEventIsStoredAndMarked() {
    String bad = GOOD_ORDER.replace("'EUR'", "'BTC'").replace("'quantity':2", "'quantity':0");
    ApiClient.Reply reply = api.post("/api/v1/customers/42/events", json("{'name':'order_completed','data':" + bad + "}"));
    assertThat(reply.status).as("Customer.io accepts it").isEqualTo(200);

    EventView event = onlyEvent("42");
    assertThat(event.violations()).extracting(PlanViolation::path)
        .anySatisfy(p -> assertThat(p).contains("currency"))
        .anySatisfy(p -> assertThat(p).contains("quantity"));
    assertThat(event.violations()).allSatisfy(v -> assertThat(v.subject()).isEqualTo("event order_completed"));
    CallRecord call = emulator.calls().get(0);
    assertThat(call.violationCount()).isEqualTo(event.violations().size());
    assertThat(emulator.counts().violations()).isEqualTo(event.violations().size());
  }

  @Test
  void anUnknownEventIsAViolation() {
    api.post("/api/v1/customers/42/events", json("{'name':'order_complete','data':{}}"));
    assertThat(onlyEvent("42").violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("order_complete"));
  }

  @Test
  void pageViewsAreNotCheckedAgainstThePlan() {
    api.post("/api/v1/customers/42/events", json("{'name':'/pricing','type':'page'}"));
    assertThat(onlyEvent("42").violations()).isEmpty();
  }

  @Test
  void attributesOutsideThePlanAreViolationsOnThePerson() {
    api.put("/api/v1/customers/42", json("{'email':'j@x.io','favourite_colour':'blue','total_orders':-1,'_update':false}"));
    PersonView p = emulator.person("42").orElseThrow();
    assertThat(p.attributes().get("favourite_colour").asText()).isEqualTo("blue");
    assertThat(p.violations()).extracting(PlanViolation::path)
        .anySatisfy(path -> assertThat(path).contains("favourite_colour"))
        .anySatisfy(path -> assertThat(path).contains("total_orders"))
        .noneSatisfy(path -> assertThat(path).contains("email"));
  }

  @Test
  void identifyingByAnotherKeyThanThePlansIsAViolation() {
    api.put("/api/v1/customers/j%40x.io", json("{'first_name':'J'}"));
    PersonView p = emulator.person("j@x.io").orElseThrow();
    assertThat(p.violations()).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("identifies people by id").contains("email"));
  }
}
