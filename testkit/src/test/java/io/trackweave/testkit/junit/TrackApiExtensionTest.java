package io.trackweave.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.api.FieldArray;
import io.trackweave.testkit.model.EventView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a user would register it, with the shop's plan from the class path. */
class TrackApiExtensionTest {
  @RegisterExtension
  static TrackApiExtension api = TrackApiExtension.withPlan("shop-tracking-plan.yaml").timeout(Duration.ofSeconds(10));

  static final Person CUSTOMER_42 = Person.identified(IdentifierType.ID, "42");

  static Fields order(String orderId, String currency) {
    Fields item = Fields.builder(4).put("sku", "s-1").put("product_name", "Socks").put("quantity", 2L)
        .put("unit_price", 15.25).build();
    return Fields.builder(5).put("order_id", orderId).put("revenue", 30.5).put("currency", currency)
        .put("is_first_order", true).put("items", FieldArray.ofOwned(new Object[] {item})).build();
  }

  @Test
  void installsARuntimePointedAtTheEmulator() {
    assertThat(Trackweave.tracker()).isSameAs(api.runtime());
    assertThat(api.runtime().isEnabled()).isTrue();
    assertThat(api.runtime().config().baseUrl()).isEqualTo(api.emulator().endpoint());
  }

  @Test
  void assertsATrackedEventExactlyOnceEvenWhenRetried() {
    Tracker tracker = Trackweave.tracker();
    tracker.track(CUSTOMER_42, "order_completed", order("o-1", "EUR"), Tracker.NOW, "o-1");
    // the payment provider retries the confirmation: same dedupe key, same event id
    tracker.track(CUSTOMER_42, "order_completed", order("o-1", "EUR"), Tracker.NOW, "o-1");

    EventView event = api.assertThat().tracked("order_completed").forCustomer("42")
        .withProperty("order_id", "o-1").withProperty("items[0].quantity", 2).withoutViolations().exactlyOnce();
    assertThat(event.id()).hasSize(26);
    api.assertThat().tracked("order_completed").withProperty("order_id", "o-2").never();
    api.assertThat().noPlanViolations();
    api.assertThat().noFailedCalls();
  }

  @Test
  void failureMessagesListWhatWasReceived() {
    Trackweave.tracker().track(CUSTOMER_42, "order_completed", order("o-1", "EUR"), Tracker.NOW, "o-1");
    Trackweave.tracker().track(Person.identified(IdentifierType.ID, "7"), "payment_failed",
        Fields.builder(3).put("payment_id", "p-1").put("amount", 5.0).put("currency", "USD").build(), Tracker.NOW, null);

    assertThatThrownBy(() -> api.assertThat().within(Duration.ofMillis(500)).tracked("order_completed")
            .forCustomer("42").withProperty("order_id", "o-2").exactlyOnce())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected event order_completed for customer 42 with order_id = \"o-2\" exactly once, but it was tracked 0 times")
        .hasMessageContaining("Events received (2)")
        .hasMessageContaining("order_completed for customer 42")
        .hasMessageContaining("\"order_id\":\"o-1\"")
        .hasMessageContaining("payment_failed for customer 7")
        .hasMessageContaining("Runtime: delivered 2");

    assertThatThrownBy(() -> api.assertThat().tracked("order_completed").never())
        .hasMessageContaining("never, but it was tracked once");
  }

  @Test
  void identifyAndAnonymousMerge() {
    api.runtime().trackAnonymous("guest-1", "product_viewed",
        Fields.builder(3).put("sku", "s-1").put("category", "socks").put("price", 9.5).build(), Tracker.NOW, null);
    api.assertThat().tracked("product_viewed").forAnonymous("guest-1").exactlyOnce();

    Trackweave.tracker().identify(new Person(IdentifierType.ID, "42", "guest-1"),
        Fields.builder(2).put("email", "jane@example.com").put("sms_opt_in", true).build(), false);

    api.assertThat().identified("42").withAttribute("email", "jane@example.com").withAttribute("sms_opt_in", true)
        .withoutViolations().exists();
    api.assertThat().identified("jane@example.com").exists();
    api.assertThat().tracked("product_viewed").forCustomer("42").forAnonymous("guest-1").exactlyOnce();
    api.assertThat().identified("43").doesNotExist();

    assertThatThrownBy(() -> api.assertThat().within(Duration.ofMillis(300)).identified("42").withAttribute("email", "x@y.z").exists())
        .hasMessageContaining("Expected person 42 with email = \"x@y.z\" to exist, but found 42 with attributes")
        .hasMessageContaining("People received (1)");
  }

  @Test
  void planViolationsAreReported() {
    Trackweave.tracker().track(CUSTOMER_42, "order_completed", order("o-9", "BTC"), Tracker.NOW, "o-9");
    EventView event = api.assertThat().tracked("order_completed").forCustomer("42").exactlyOnce();
    assertThat(event.violations()).isNotEmpty();
    assertThatThrownBy(() -> api.assertThat().tracked("order_completed").withoutViolations().exactlyOnce())
        .hasMessageContaining("plan violations");
    assertThatThrownBy(() -> api.assertThat().noPlanViolations())
        .hasMessageContaining("currency");
  }

  @Test
  void deliversThroughInjectedFaults() {
    api.faults().failNext(2, 503, Duration.ZERO);
    Trackweave.tracker().track(CUSTOMER_42, "subscription_paused", Fields.builder(1).put("subscription_id", "sub-1").build(),
        Tracker.NOW, null);
    api.assertThat().tracked("subscription_paused").forCustomer("42").withProperty("subscription_id", "sub-1").exactlyOnce();
    assertThat(api.emulator().calls()).extracting(c -> c.status()).containsSubsequence(503, 503, 200);
    api.assertThat().noFailedCalls();
  }

  @Test
  void eachTestStartsEmpty() {
    assertThat(api.people()).isEmpty();
    assertThat(api.emulator().calls()).isEmpty();
  }

  @Test
  void numbersAndStructuresCompareByValue() {
    Trackweave.tracker().track(CUSTOMER_42, "order_completed", order("o-3", "GBP"), Tracker.NOW, "o-3");
    api.assertThat().tracked("order_completed")
        .withProperty("revenue", 30.5)
        .withProperty("/items/0/unit_price", 15.25)
        .withProperty("items", List.of(Map.of("sku", "s-1", "product_name", "Socks", "quantity", 2, "unit_price", 15.25)))
        .withProperty("discount_code", null)
        .exactlyOnce();
  }
}
