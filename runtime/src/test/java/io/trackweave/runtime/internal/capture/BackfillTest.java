package io.trackweave.runtime.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.LogRecorder;
import io.trackweave.runtime.MetricsSnapshot;
import io.trackweave.runtime.TestSupport;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.api.Tracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** Backfill mode refuses what would trigger live journeys; live mode reports what can no longer trigger. */
class BackfillTest {
  private static final long HOUR = 3600;
  private static final Person ADA = Person.identified(IdentifierType.ID, "cust-1");

  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void theRuleIsCustomerIosSeventyTwoHours() {
    long now = 1_800_000_000L;
    assertThat(Backfill.canTrigger(now, now)).isTrue();
    assertThat(Backfill.canTrigger(now - 72 * HOUR + 1, now)).isTrue();
    assertThat(Backfill.canTrigger(now - 72 * HOUR, now)).isFalse();
    Backfill backfill = Backfill.on(Set.of("subscription_renewed"));
    assertThat(backfill.refuses("order_completed", now - HOUR, now)).isTrue();
    assertThat(backfill.refuses("order_completed", now - 73 * HOUR, now)).isFalse();
    assertThat(backfill.refuses("subscription_renewed", now - HOUR, now)).isFalse();
    assertThat(Backfill.OFF.refuses("order_completed", now, now)).isFalse();
  }

  @Test
  void backfillSendsHistoryWithItsRealTimestampsAndRefusesWhatWouldTriggerWithAReason() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(TestSupport.ok());
    }
    long now = System.currentTimeMillis() / 1000;
    long lastMonth = now - 30 * 24 * HOUR;
    try (LogRecorder log = LogRecorder.runtime();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.config(server)
            .backfill(true).backfillTriggerEvents(List.of("subscription_renewed")).build())) {
      runtime.track(ADA, "order_completed", Fields.EMPTY, lastMonth, "o-old"); // history: sent
      runtime.track(ADA, "order_completed", Fields.EMPTY, now - HOUR, "o-recent"); // would trigger: refused
      runtime.track(ADA, "order_completed", Fields.EMPTY); // now: refused
      runtime.track(ADA, "subscription_renewed", Fields.EMPTY, now - HOUR, null); // opted in: sent
      runtime.identify(ADA, Fields.builder(1).put("last_order_at", now - HOUR).build()); // roll-ups: sent
      runtime.flush(Duration.ofSeconds(10));
      MetricsSnapshot m = runtime.metrics();
      assertThat(m.rejectedByReason()).containsEntry("backfill_would_trigger", 2L);
      assertThat(m.delivered()).isEqualTo(3);
      assertThat(m.staleEvents()).as("old events are the point of a backfill, not a warning").isZero();
      List<JsonNode> sent = new ArrayList<>();
      RecordedRequest r;
      while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
        TestSupport.JSON.readTree(TestSupport.body(r)).path("batch").forEach(sent::add);
      }
      assertThat(sent).extracting(n -> n.path("action").asText() + ":" + n.path("name").asText())
          .containsExactlyInAnyOrder("event:order_completed", "event:subscription_renewed", "identify:");
      assertThat(sent).filteredOn(n -> n.path("name").asText().equals("order_completed"))
          .singleElement().satisfies(n -> assertThat(n.path("timestamp").asLong()).isEqualTo(lastMonth));
      runtime.close(Duration.ofSeconds(5));
      // the paced warning may report the two refusals in one line or in two (a pacing boundary between them)
      List<String> warnings = log.entries.stream().map(e -> e.message())
          .filter(msg -> msg.contains("Send historical roll-ups as identify attributes")).toList();
      assertThat(warnings).isNotEmpty().allSatisfy(msg -> assertThat(msg).contains("backfill.trigger.events"));
      assertThat(warnings.stream().mapToLong(msg -> {
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("\\{backfill_would_trigger=(\\d+)}").matcher(msg);
        return count.find() ? Long.parseLong(count.group(1)) : 0;
      }).sum()).isEqualTo(2);
    }
  }

  @Test
  void liveModeSendsAnEventPastItsTriggerWindowButCountsAndReportsIt() throws Exception {
    server.enqueue(TestSupport.ok());
    long now = System.currentTimeMillis() / 1000;
    try (LogRecorder log = LogRecorder.runtime();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(TestSupport.config(server).build())) {
      runtime.track(ADA, "checkout_started", Fields.EMPTY, now - 80 * HOUR, null); // e.g. after a long outage
      runtime.track(ADA, "product_viewed", Fields.EMPTY, Tracker.NOW, null);
      runtime.flush(Duration.ofSeconds(10));
      MetricsSnapshot m = runtime.metrics();
      assertThat(m.delivered()).isEqualTo(2);
      assertThat(m.staleEvents()).isEqualTo(1);
      runtime.close(Duration.ofSeconds(5));
      assertThat(log.entries).anySatisfy(e -> assertThat(e.message())
          .contains("1 event(s) were older than 72 hours when sent (latest: 'checkout_started'")
          .contains("triggers no campaign"));
    }
  }
}
