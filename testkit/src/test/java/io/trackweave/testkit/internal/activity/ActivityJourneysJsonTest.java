package io.trackweave.testkit.internal.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.plan.PlanLoader;
import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Ulids;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /activity} carries the journeys, each event's can-trigger mark, per-event totals and unix-time names. */
class ActivityJourneysJsonTest {
  static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
  ManualClock clock = ManualClock.fixedAt(START);
  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void start() throws Exception {
    Path plan = Path.of(getClass().getResource("/shop-tracking-plan.yaml").toURI());
    emulator = TrackApiEmulator.builder().plan(PlanLoader.load(plan)).clock(clock).start();
    api = new ApiClient(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  void checkout(String who, String checkoutId, long timestamp) {
    ApiClient.Reply r = api.post("/api/v1/customers/" + who + "/events", "{\"name\":\"checkout_started\",\"id\":\""
        + Ulids.next() + "\",\"timestamp\":" + timestamp + ",\"data\":{\"checkout_id\":\"" + checkoutId + "\","
        + "\"cart_value\":20,\"currency\":\"USD\",\"items\":[{\"sku\":\"s\",\"product_name\":\"p\",\"quantity\":1,"
        + "\"unit_price\":20}]}}");
    assertThat(r.status).as(r.toString()).isEqualTo(200);
  }

  @Test
  void showsEachJourneyWithThePeopleAndTheEventsThatDecided() {
    api.put("/api/v1/customers/ada", "{\"email\":\"ada@example.com\",\"email_opt_in\":true,\"created_at\":1700000000}");
    api.put("/api/v1/customers/bob", "{\"email\":\"bob@example.com\",\"email_opt_in\":false}");
    long now = START.getEpochSecond();
    checkout("ada", "c-1", now);
    checkout("bob", "c-2", now);
    checkout("ada", "c-3", now - Duration.ofHours(80).toSeconds());
    clock.advance(Duration.ofHours(2));

    JsonNode a = api.get("/activity").json();
    assertThat(a.at("/emulator/now").asText()).isEqualTo("2026-11-23T12:00:00Z");
    assertThat(a.at("/emulator/unix_time_attributes").findValuesAsText("")).isEmpty();
    assertThat(a.at("/emulator/unix_time_attributes").toString()).isEqualTo("[\"last_order_at\",\"created_at\"]");
    assertThat(a.at("/emulator/unix_time_properties/subscription_paused").toString()).isEqualTo("[\"resume_at\"]");
    assertThat(a.at("/counts/cannot_trigger").asInt()).isEqualTo(1);
    assertThat(a.at("/event_totals/0/name").asText()).isEqualTo("checkout_started");
    assertThat(a.at("/event_totals/0/received").asInt()).isEqualTo(3);
    assertThat(a.at("/event_totals/0/cannot_trigger").asInt()).isEqualTo(1);

    JsonNode cart = a.at("/journeys/0");
    assertThat(cart.get("name").asText()).isEqualTo("cart_recovery");
    assertThat(cart.get("trigger").asText()).isEqualTo("checkout_started where cart_value > 0");
    assertThat(cart.get("entered").asInt()).isEqualTo(1);
    assertThat(cart.get("would_message").asInt()).isEqualTo(1);
    JsonNode ada = cart.at("/enrolments/0");
    assertThat(ada.at("/person/display_name").asText()).isEqualTo("ada");
    assertThat(ada.get("state").asText()).isEqualTo("active");
    assertThat(ada.at("/trigger/name").asText()).isEqualTo("checkout_started");
    assertThat(ada.at("/messages/0/message").asText()).isEqualTo("cart_reminder_email");
    assertThat(ada.at("/messages/0/at").asText()).isEqualTo("2026-11-23T12:00:00Z");
    assertThat(ada.get("next_message").asText()).isEqualTo("cart_last_call_email");
    assertThat(cart.get("declined").findValuesAsText("reason")).containsExactly(
        "not in segment emailable (email_opt_in = true does not hold)",
        "cannot trigger: its timestamp is 80h old, and Customer.io triggers no campaign on an event older than 72 "
            + "hours");

    JsonNode events = a.at("/people/0/events");
    assertThat(events.get(0).get("can_trigger").asBoolean()).isTrue();
    assertThat(events.get(1).get("can_trigger").asBoolean()).isFalse();
    assertThat(a.at("/journeys/1/name").asText()).isEqualTo("post_purchase");
  }
}
