package io.trackweave.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.api.FieldArray;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.WouldMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * QA of the shop's cart recovery journey, written as a user writes it: the plan from the class path, the
 * runtime the extension installs, and the emulator's clock moved by hand.
 */
class JourneyAssertionTest {
  @RegisterExtension
  static TrackApiExtension api = TrackApiExtension.withPlan("shop-tracking-plan.yaml");

  static final Person BUYER = Person.identified(IdentifierType.ID, "cust-1");
  static final Person BROWSER = Person.identified(IdentifierType.ID, "cust-2");

  static Fields item() {
    return Fields.builder(4).put("sku", "s-1").put("product_name", "Socks").put("quantity", 2L)
        .put("unit_price", 15.25).build();
  }

  static void registered(Person person, String email) {
    Trackweave.tracker().identify(person, Fields.builder(2).put("email", email).put("email_opt_in", true).build(),
        false);
  }

  static void checkoutStarted(Person person, String checkoutId) {
    Trackweave.tracker().track(person, "checkout_started", Fields.builder(4).put("checkout_id", checkoutId)
        .put("cart_value", 30.5).put("currency", "EUR").put("items", FieldArray.ofOwned(new Object[] {item()}))
        .build(), Tracker.NOW, null);
  }

  /** The payment provider's webhook: the order id is the plan's dedupe key, so a retry has the same event id. */
  static void paymentWebhook(Person person, String orderId) {
    Trackweave.tracker().track(person, "order_completed", Fields.builder(5).put("order_id", orderId)
        .put("revenue", 30.5).put("currency", "EUR").put("is_first_order", true)
        .put("items", FieldArray.ofOwned(new Object[] {item()})).build(), Tracker.NOW, orderId);
  }

  @Test
  void cartRecoveryNeverMessagesABuyerAndTheRetriedWebhookChangesNothing() {
    registered(BUYER, "buyer@example.com");
    checkoutStarted(BUYER, "chk-1");
    api.journey("cart_recovery").enrolledOnce("cust-1");

    api.advanceClock(Duration.ofMinutes(30));
    paymentWebhook(BUYER, "ord-1");
    paymentWebhook(BUYER, "ord-1"); // the provider retried
    Enrolment left = api.journey("cart_recovery").exitedOn("cust-1", "order_completed");
    assertThat(left.messages()).isEmpty();

    api.advanceClock(Duration.ofDays(3));
    api.journey("cart_recovery").neverMessaged("cust-1");
    api.journey("cart_recovery").enrolledOnce("cust-1");
    api.journey("post_purchase").enrolledOnce("cust-1");
    api.assertThat().tracked("order_completed").forCustomer("cust-1").exactlyOnce();
    api.assertThat().noPlanViolations();
  }

  @Test
  void cartRecoveryRemindsSomeoneWhoDidNotBuy() {
    registered(BROWSER, "browser@example.com");
    checkoutStarted(BROWSER, "chk-2");
    api.journey("cart_recovery").neverMessaged("cust-2");

    api.advanceClock(Duration.ofHours(2));
    List<WouldMessage> sent = api.journey("cart_recovery").messaged("cust-2", "cart_reminder_email");
    assertThat(sent).hasSize(1);
    api.journey("post_purchase").neverEnrolled("cust-2");
  }

  @Test
  void failuresTellTheJourneysStoryForThatPerson() {
    registered(BROWSER, "browser@example.com");
    checkoutStarted(BROWSER, "chk-3");
    api.advanceClock(Duration.ofHours(2));

    assertThatThrownBy(() -> api.journey("cart_recovery").neverMessaged("cust-2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected cust-2 never to have been messaged in journey cart_recovery "
            + "(trigger checkout_started where cart_value > 0, segment emailable, exit on order_completed; "
            + "steps: wait 2h, then cart_reminder_email; wait 1d, then cart_last_call_email)")
        .hasMessageContaining("entered ")
        .hasMessageContaining(" on checkout_started #")
        .hasMessageContaining("would message cart_reminder_email at ")
        .hasMessageContaining("still in the journey; next: cart_last_call_email");
    assertThatThrownBy(() -> api.journey("cart_recovery").exitedOn("cust-9", "order_completed"))
        .hasMessageContaining("cust-9 never entered");
    assertThatThrownBy(() -> api.journey("cart_rescue").view())
        .hasMessageContaining("No journey 'cart_rescue'").hasMessageContaining("[cart_recovery, post_purchase]");
  }

  @Test
  void eachTestStartsOnSystemTime() {
    assertThat(api.clock().advanced()).isZero();
    assertThat(api.emulator().clock()).isSameAs(api.clock());
  }
}
