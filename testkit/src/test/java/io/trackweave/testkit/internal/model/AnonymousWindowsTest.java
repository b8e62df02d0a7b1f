package io.trackweave.testkit.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.testkit.ManualClock;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.AnonymousView;
import io.trackweave.testkit.model.EventView;
import io.trackweave.testkit.model.PersonView;
import io.trackweave.testkit.support.ApiClient;
import io.trackweave.testkit.support.Ulids;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customer.io's two anonymous windows, with a clock the test moves: an anonymous event merges into the person
 * whose identify carried its anonymous id if it arrived before that identify or within five minutes after;
 * unclaimed anonymous events are deleted after 30 days.
 */
class AnonymousWindowsTest {
  ManualClock clock = ManualClock.fixedAt(Instant.parse("2026-11-23T10:00:00Z"));
  TrackApiEmulator emulator;
  ApiClient api;

  @BeforeEach
  void start() {
    emulator = TrackApiEmulator.builder().clock(clock).start();
    api = new ApiClient(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  void anonymous(String anonymousId, String name) {
    ApiClient.Reply r = api.post("/api/v1/events", "{\"name\":\"" + name + "\",\"anonymous_id\":\"" + anonymousId
        + "\",\"id\":\"" + Ulids.next() + "\"}");
    assertThat(r.status).as(r.toString()).isEqualTo(200);
  }

  void identify(String id, String anonymousId) {
    ApiClient.Reply r = api.put("/api/v1/customers/" + id, "{\"anonymous_id\":\"" + anonymousId + "\"}");
    assertThat(r.status).as(r.toString()).isEqualTo(200);
  }

  @Test
  void mergesWhatArrivedBeforeAndWithinFiveMinutesAfterTheIdentify() {
    anonymous("v-1", "product_viewed");
    clock.advance(Duration.ofDays(2));
    identify("cust-1", "v-1");
    clock.advance(Duration.ofMinutes(5));
    anonymous("v-1", "added_to_cart"); // exactly five minutes after: still merged

    PersonView person = emulator.person("cust-1").orElseThrow();
    assertThat(person.events()).extracting(EventView::name).containsExactly("product_viewed", "added_to_cart");
    assertThat(emulator.snapshot().anonymous()).isEmpty();
    assertThat(emulator.counts().notMerged()).isZero();
  }

  @Test
  void anEventSixMinutesAfterTheIdentifyStaysAnonymousAndSaysWhy() {
    anonymous("v-2", "product_viewed");
    identify("cust-2", "v-2");
    clock.advance(Duration.ofMinutes(6));
    anonymous("v-2", "added_to_cart");

    assertThat(emulator.person("cust-2").orElseThrow().events()).extracting(EventView::name)
        .containsExactly("product_viewed");
    AnonymousView guest = emulator.snapshot().anonymous().get(0);
    assertThat(guest.anonymousId()).isEqualTo("v-2");
    assertThat(guest.identifiedAs().id()).isEqualTo("cust-2");
    assertThat(guest.events()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("added_to_cart");
      assertThat(e.note()).isEqualTo("not merged: arrived 6m 0s after the identify of cust-2 that carried "
          + "anonymous_id v-2; Customer.io merges only events that arrive within 5 minutes of it (identify again "
          + "to merge)");
    });
    assertThat(emulator.counts().notMerged()).isEqualTo(1);
    assertThat(emulator.calls().get(emulator.calls().size() - 1).operations().get(0).outcome())
        .startsWith("stored as anonymous; not merged: arrived 6m 0s after");

    // a new identify carrying the id opens a new window and merges it
    identify("cust-2", "v-2");
    assertThat(emulator.person("cust-2").orElseThrow().events()).extracting(EventView::name)
        .containsExactly("product_viewed", "added_to_cart");
    assertThat(emulator.person("cust-2").orElseThrow().events().get(1).note()).isNull();
  }

  @Test
  void unclaimedAnonymousEventsAreDeletedAfterThirtyDays() {
    anonymous("v-3", "product_viewed");
    clock.advance(Duration.ofDays(20));
    anonymous("v-3", "added_to_cart");
    clock.advance(Duration.ofDays(10).plusSeconds(1));

    assertThat(emulator.snapshot().anonymous()).singleElement()
        .satisfies(a -> assertThat(a.events()).extracting(EventView::name).containsExactly("added_to_cart"));
    assertThat(emulator.counts().anonymousExpired()).isEqualTo(1);
    assertThat(emulator.counts().events()).isEqualTo(1);

    identify("cust-3", "v-3");
    assertThat(emulator.person("cust-3").orElseThrow().events()).extracting(EventView::name)
        .containsExactly("added_to_cart");
  }
}
