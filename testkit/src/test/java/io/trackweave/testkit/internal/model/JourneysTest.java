package io.trackweave.testkit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.plan.PlanLoader;
import io.trackweave.plan.TrackingPlan;
import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.Enrolment;
import io.trackweave.testkit.model.JourneyView;
import io.trackweave.testkit.model.WouldMessage;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Ulids;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shop plan's journeys, evaluated by the emulator on real Track API calls, with a clock the test moves:
 * cart_recovery (checkout_started with cart_value > 0, segment emailable, exit on order_completed, 2h then
 * cart_reminder_email, 1d then cart_last_call_email) and post_purchase.
 */
class JourneysTest {
  static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

  ManualClock clock;
  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void start() throws Exception {
    TrackingPlan plan = PlanLoader.load(Path.of(JourneysTest.class.getResource("/shop-tracking-plan.yaml").toURI()));
    clock = ManualClock.fixedAt(START);
    emulator = TrackApiEmulator.builder().plan(plan).clock(clock).start();
    api = new ApiClient(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  void identify(String id, boolean optIn) {
    reply(api.put("/api/v1/customers/" + id,
        "{\"email\":\"" + id + "@example.com\",\"email_opt_in\":" + optIn + "}"));
  }

  String track(String id, String name, String data) {
    return track(id, name, data, clock.instant().getEpochSecond());
  }

  String track(String id, String name, String data, long timestamp) {
    String eventId = Ulids.next();
    sendEvent(id, name, data, timestamp, eventId);
    return eventId;
  }

  void sendEvent(String id, String name, String data, long timestamp, String eventId) {
    reply(api.post("/api/v1/customers/" + id + "/events", "{\"name\":\"" + name + "\",\"id\":\"" + eventId
        + "\",\"timestamp\":" + timestamp + ",\"data\":" + data + "}"));
  }

  static void reply(ApiClient.Reply reply) {
    assertThat(reply.status).as(reply.toString()).isEqualTo(200);
  }

  static String checkout(String id, double value) {
    return "{\"checkout_id\":\"" + id + "\",\"cart_value\":" + value + ",\"currency\":\"USD\",\"items\":[{\"sku\":\"s\","
        + "\"product_name\":\"Socks\",\"quantity\":1,\"unit_price\":" + value + "}]}";
  }

  static String order(String id) {
    return "{\"order_id\":\"" + id + "\",\"revenue\":10,\"currency\":\"USD\",\"is_first_order\":true,\"items\":"
        + "[{\"sku\":\"s\",\"product_name\":\"Socks\",\"quantity\":1,\"unit_price\":10}]}";
  }

  JourneyView cart() {
    return emulator.snapshot().journey("cart_recovery");
  }

  @Test
  void aBuyerEntersAndLeavesOnTheOrderWithoutAMessage() {
    identify("buyer", true);
    track("buyer", "checkout_started", checkout("c-1", 30));
    clock.advance(Duration.ofMinutes(40));
    track("buyer", "order_completed", order("o-1"));
    clock.advance(Duration.ofDays(3));

    List<Enrolment> entries = cart().enrolmentsOf("buyer");
    assertThat(entries).hasSize(1);
    Enrolment e = entries.get(0);
    assertThat(e.enteredAt()).isEqualTo(START);
    assertThat(e.trigger().name()).isEqualTo("checkout_started");
    assertThat(e.state()).isEqualTo(Enrolment.State.EXITED);
    assertThat(e.exitEvent().name()).isEqualTo("order_completed");
    assertThat(e.exitReason()).isEqualTo("exit event order_completed");
    assertThat(e.exitedAt()).isEqualTo(START.plus(Duration.ofMinutes(40)));
    assertThat(e.messages()).isEmpty();
  }

  @Test
  void anAbandonedCheckoutWouldBeMessagedAfterEachWait() {
    identify("abandoner", true);
    track("abandoner", "checkout_started", checkout("c-2", 30));
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(cart().enrolmentsOf("abandoner").get(0).messages()).isEmpty();
    assertThat(cart().enrolmentsOf("abandoner").get(0).nextStepAt()).isEqualTo(START.plus(Duration.ofHours(2)));

    clock.advance(Duration.ofSeconds(1));
    Enrolment e = cart().enrolmentsOf("abandoner").get(0);
    assertThat(e.messages()).containsExactly(
        new WouldMessage(0, "cart_reminder_email", START.plus(Duration.ofHours(2))));
    assertThat(e.state()).isEqualTo(Enrolment.State.ACTIVE);
    assertThat(e.nextMessage()).isEqualTo("cart_last_call_email");

    clock.advance(Duration.ofDays(2));
    e = cart().enrolmentsOf("abandoner").get(0);
    assertThat(e.messages()).extracting(WouldMessage::message, WouldMessage::at).containsExactly(
        org.assertj.core.groups.Tuple.tuple("cart_reminder_email", START.plus(Duration.ofHours(2))),
        org.assertj.core.groups.Tuple.tuple("cart_last_call_email", START.plus(Duration.ofHours(26))));
    assertThat(e.state()).isEqualTo(Enrolment.State.COMPLETED);
    assertThat(cart().wouldMessage()).isEqualTo(2);
  }

  @Test
  void anExitEventThatArrivesAfterTheWaitComesTooLate() {
    // the order webhook was delayed past the reminder: Customer.io would already have sent it
    identify("late", true);
    track("late", "checkout_started", checkout("c-3", 30));
    clock.advance(Duration.ofHours(3));
    track("late", "order_completed", order("o-3"));
    Enrolment e = cart().enrolmentsOf("late").get(0);
    assertThat(e.messages()).extracting(WouldMessage::message).containsExactly("cart_reminder_email");
    assertThat(e.state()).isEqualTo(Enrolment.State.EXITED);
    assertThat(e.exitedAt()).isEqualTo(START.plus(Duration.ofHours(3)));
  }

  @Test
  void aRetriedWebhookDoesNotEnrolTwice() {
    identify("retry", true);
    String id = Ulids.next();
    long now = clock.instant().getEpochSecond();
    sendEvent("retry", "checkout_started", checkout("c-4", 30), now, id);
    clock.advance(Duration.ofMinutes(1));
    sendEvent("retry", "checkout_started", checkout("c-4", 30), now, id);
    assertThat(cart().enrolmentsOf("retry")).hasSize(1);
    assertThat(cart().declined()).isEmpty(); // dropped by event id before any journey saw it
    assertThat(emulator.counts().deduplicated()).isEqualTo(1);

    // a second checkout with a new id while the first is running does not enrol again either
    track("retry", "checkout_started", checkout("c-5", 30));
    assertThat(cart().enrolmentsOf("retry")).hasSize(1);
    assertThat(cart().declined()).singleElement().satisfies(d -> {
      assertThat(d.person().id()).isEqualTo("retry");
      assertThat(d.reason()).startsWith("already in the journey");
    });
  }

  @Test
  void theSegmentDecidesEntryAndIsCheckedAgainBeforeEachMessage() {
    identify("no-consent", false);
    track("no-consent", "checkout_started", checkout("c-6", 30));
    assertThat(cart().enrolmentsOf("no-consent")).isEmpty();
    assertThat(cart().declined()).singleElement().satisfies(d -> assertThat(d.reason())
        .isEqualTo("not in segment emailable (email_opt_in = true does not hold)"));

    identify("opts-out", true);
    track("opts-out", "checkout_started", checkout("c-7", 30));
    clock.advance(Duration.ofHours(1));
    identify("opts-out", false);
    clock.advance(Duration.ofHours(1));
    Enrolment e = cart().enrolmentsOf("opts-out").get(0);
    assertThat(e.messages()).isEmpty();
    assertThat(e.state()).isEqualTo(Enrolment.State.EXITED);
    assertThat(e.exitReason()).isEqualTo(
        "left segment emailable before cart_reminder_email (email_opt_in = true no longer holds)");
  }

  @Test
  void theTriggerFilterDecidesOnTheEventsProperties() {
    identify("empty-cart", true);
    track("empty-cart", "checkout_started", checkout("c-8", 0));
    assertThat(cart().entered()).isZero();
    assertThat(cart().declined()).singleElement().satisfies(d -> assertThat(d.reason())
        .isEqualTo("does not pass the trigger filter checkout_started where cart_value > 0"));
  }

  @Test
  void eventsOlderThan72HoursWhenReceivedCannotTrigger() {
    identify("backfill", true);
    long now = clock.instant().getEpochSecond();
    track("backfill", "checkout_started", checkout("c-9", 30), now - Duration.ofHours(73).toSeconds());
    assertThat(cart().entered()).isZero();
    assertThat(cart().declined()).singleElement().satisfies(d -> assertThat(d.reason())
        .startsWith("cannot trigger: its timestamp is 73h old"));
    assertThat(emulator.person("backfill").orElseThrow().events().get(0).canTrigger()).isFalse();
    assertThat(emulator.counts().cannotTrigger()).isEqualTo(1);

    // backdated, but within 72 hours: still triggers, as in Customer.io
    track("backfill", "checkout_started", checkout("c-10", 30), now - Duration.ofHours(71).toSeconds());
    assertThat(cart().enrolmentsOf("backfill")).hasSize(1);
    assertThat(emulator.person("backfill").orElseThrow().events().get(1).canTrigger()).isTrue();
  }

  @Test
  void theTriggerWindowEndsWhereTheRuntimesDoes() {
    // the runtime's Backfill.canTrigger (backfill refusals, stale events): 72 hours old to the second is too old
    identify("edge", true);
    clock.advance(Duration.ofMillis(500)); // a clock between seconds decides the same way
    long now = clock.instant().getEpochSecond();
    track("edge", "checkout_started", checkout("c-14", 30), now - Duration.ofHours(72).toSeconds());
    assertThat(emulator.person("edge").orElseThrow().events().get(0).canTrigger()).isFalse();
    assertThat(cart().entered()).isZero();
    track("edge", "checkout_started", checkout("c-15", 30), now - Duration.ofHours(72).toSeconds() + 1);
    assertThat(emulator.person("edge").orElseThrow().events().get(1).canTrigger()).isTrue();
    assertThat(cart().enrolmentsOf("edge")).hasSize(1);
  }

  @Test
  void eventsUnderAMergedIdentifierCountForTheMergedPerson() {
    // a guest checkout under an email profile, merged into the account that later pays
    reply(api.put("/api/v1/customers/guest@example.com", "{\"email\":\"guest@example.com\",\"email_opt_in\":true}"));
    track("guest@example.com", "checkout_started", checkout("c-11", 30));
    identify("account", true);
    reply(api.post("/api/v1/merge_customers",
        "{\"primary\":{\"id\":\"account\"},\"secondary\":{\"email\":\"guest@example.com\"}}"));
    clock.advance(Duration.ofMinutes(30));
    track("account", "order_completed", order("o-11"));
    clock.advance(Duration.ofHours(3));

    Enrolment e = cart().enrolmentsOf("account").get(0);
    assertThat(e.person().id()).isEqualTo("account");
    assertThat(e.state()).isEqualTo(Enrolment.State.EXITED);
    assertThat(e.exitEvent().name()).isEqualTo("order_completed");
    assertThat(cart().wouldMessage()).isZero();
  }

  @Test
  void anonymousActivityTriggersOnceMergedByTheIdentify() {
    reply(api.post("/api/v1/events", "{\"name\":\"checkout_started\",\"anonymous_id\":\"visitor-1\",\"id\":\""
        + Ulids.next() + "\",\"data\":" + checkout("c-12", 30) + "}"));
    assertThat(cart().entered()).as("an anonymous person cannot enter a campaign").isZero();
    clock.advance(Duration.ofMinutes(10));
    reply(api.put("/api/v1/customers/visitor", "{\"email\":\"v@example.com\",\"email_opt_in\":true,"
        + "\"anonymous_id\":\"visitor-1\"}"));
    assertThat(cart().enrolmentsOf("visitor")).singleElement()
        .satisfies(e -> assertThat(e.enteredAt()).isEqualTo(START.plus(Duration.ofMinutes(10))));
  }

  @Test
  void deletingAPersonEndsTheirJourneys() {
    identify("gone", true);
    track("gone", "checkout_started", checkout("c-13", 30));
    reply(api.delete("/api/v1/customers/gone"));
    clock.advance(Duration.ofHours(3));
    Enrolment e = cart().enrolments().get(0);
    assertThat(e.state()).isEqualTo(Enrolment.State.EXITED);
    assertThat(e.exitReason()).isEqualTo("person deleted");
    assertThat(e.messages()).isEmpty();
  }

  @Test
  void frequencyOnceLetsAPersonInOnlyOnce() throws Exception {
    TrackingPlan plan = PlanLoader.parse(String.join("\n",
        "plan: p", "version: 1", "identifier: id",
        "attributes: { email: { type: string } }",
        "events:",
        "  signed_up: { schema: { type: object } }",
        "journeys:",
        "  welcome:",
        "    trigger: signed_up",
        "    steps: [ { message: welcome_email }, { wait: 1d, message: tips_email } ]",
        ""), "plan.yaml");
    try (TrackApiEmulator e = TrackApiEmulator.builder().plan(plan).clock(clock).start()) {
      ApiClient client = new ApiClient(e);
      for (int i = 0; i < 2; i++) {
        reply(client.post("/api/v1/customers/p1/events", "{\"name\":\"signed_up\",\"id\":\"" + Ulids.next() + "\"}"));
        clock.advance(Duration.ofDays(2));
      }
      JourneyView welcome = e.journeys().get(0);
      assertThat(welcome.enrolmentsOf("p1")).singleElement().satisfies(en -> {
        assertThat(en.messages()).extracting(WouldMessage::message).containsExactly("welcome_email", "tips_email");
        assertThat(en.messages().get(0).at()).isEqualTo(START); // no wait: at once
        assertThat(en.state()).isEqualTo(Enrolment.State.COMPLETED);
      });
      assertThat(welcome.declined()).singleElement()
          .satisfies(d -> assertThat(d.reason()).contains("frequency is once"));
    }
  }
}
