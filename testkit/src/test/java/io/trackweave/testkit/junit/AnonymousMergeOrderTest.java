package io.trackweave.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.testkit.TrackApiEmulator;
import io.trackweave.testkit.model.EventView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer.io merges a guest's anonymous events into the person only when they arrive before (or within
 * five minutes after) the identify that carries the anonymous id. Anonymous events travel v1, the identify
 * the v2 batch: these tests break the v1 path for ten minutes of the emulator's clock while v2 works, and
 * show the guest's history still merged: in one process, when the identify goes to another sender than the
 * guest's event, and across a restart on the same spool. What
 * Customer.io does when the identify goes first is shown by {@code AnonymousWindowsTest} (not merged).
 */
class AnonymousMergeOrderTest {
  private static final Person GRACE = new Person(IdentifierType.ID, "cust-9", "visitor-9");

  @RegisterExtension final TrackApiExtension api = TrackApiExtension.create();

  @TempDir Path spool;

  @Test
  void theMergeHoldsThroughAnOutageOfTheV1PathWhileV2Succeeds() throws Exception {
    TrackApiEmulator emulator = api.emulator();
    api.faults().failNext(10_000, 503, "/api/v1/");
    TrackweaveRuntime runtime = api.runtime();
    runtime.trackAnonymous("visitor-9", "product_viewed", Fields.EMPTY);
    runtime.identify(GRACE, Fields.builder(1).put("email", "grace@example.com").build());

    await(() -> v1Refusals(emulator) > 0);
    assertThat(emulator.person("cust-9")).as("the identify waits behind the guest's event").isEmpty();
    api.clock().advance(Duration.ofMinutes(10)); // a long outage of the v1 endpoints
    api.faults().clear();

    await(() -> merged(emulator));
    assertThat(emulator.person("cust-9").orElseThrow().events()).extracting(EventView::name)
        .containsExactly("product_viewed");
    assertThat(emulator.counts().notMerged()).isZero();
  }

  @Test
  void theMergeHoldsAcrossARestartWithTheSpool() throws Exception {
    TrackApiEmulator emulator = api.emulator();
    api.faults().failNext(10_000, 503, "/api/v1/");
    try (TrackweaveRuntime first = TrackweaveRuntime.create(config(emulator))) {
      first.trackAnonymous("visitor-9", "product_viewed", Fields.EMPTY);
      first.identify(GRACE, Fields.EMPTY);
      await(() -> v1Refusals(emulator) > 0);
    } // closed with both calls in the spool
    assertThat(emulator.person("cust-9")).isEmpty();

    api.clock().advance(Duration.ofMinutes(10));
    api.faults().clear();
    try (TrackweaveRuntime second = TrackweaveRuntime.create(config(emulator))) {
      await(() -> merged(emulator));
    }
    assertThat(emulator.person("cust-9").orElseThrow().events()).extracting(EventView::name)
        .containsExactly("product_viewed");
    assertThat(emulator.counts().notMerged()).isZero();
  }

  @Test
  void theMergeHoldsWhenTheIdentifyIsBatchedAfterTheGuestsEventAndSentByAnotherSender() throws Exception {
    TrackApiEmulator emulator = api.emulator();
    api.faults().failNext(10_000, 503, "/api/v1/");
    // the default two senders, no spool: the guest's event is retried in memory by one sender while the
    // identify, batched after the flush interval, goes to the other
    TrackweaveConfig config = TrackweaveConfig.builder().siteId(emulator.siteId()).apiKey(emulator.apiKey())
        .endpoint(emulator.endpoint()).spoolEnabled(false).name("merge-order-senders").jmx(false)
        .flushInterval(Duration.ofMillis(50)).retryInitialBackoff(Duration.ofMillis(50))
        .retryMaxBackoff(Duration.ofMillis(200)).build();
    assertThat(config.senders()).isEqualTo(2);
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(config)) {
      runtime.trackAnonymous("visitor-9", "product_viewed", Fields.EMPTY);
      await(() -> v1Refusals(emulator) > 0); // its batch is on a sender, failing
      runtime.identify(GRACE, Fields.builder(1).put("email", "grace@example.com").build());
      long refused = v1Refusals(emulator);
      await(() -> v1Refusals(emulator) >= refused + 5); // the outage goes on while v2 works
      assertThat(emulator.person("cust-9")).as("the identify waits for the guest's event").isEmpty();
      api.clock().advance(Duration.ofMinutes(10));
      api.faults().clear();

      await(() -> merged(emulator));
    }
    assertThat(emulator.person("cust-9").orElseThrow().events()).extracting(EventView::name)
        .containsExactly("product_viewed");
    assertThat(emulator.person("cust-9").orElseThrow().attributes().path("email").asText()).isEqualTo("grace@example.com");
    assertThat(emulator.counts().notMerged()).isZero();
  }

  private TrackweaveConfig config(TrackApiEmulator emulator) {
    return TrackweaveConfig.builder().siteId(emulator.siteId()).apiKey(emulator.apiKey())
        .endpoint(emulator.endpoint()).spoolDir(spool.resolve("spool")).name("merge-order").jmx(false)
        .flushInterval(Duration.ofMillis(50)).retryInitialBackoff(Duration.ofMillis(50))
        .retryMaxBackoff(Duration.ofMillis(500)).build();
  }

  private static long v1Refusals(TrackApiEmulator emulator) {
    return emulator.calls().stream().filter(c -> c.path().startsWith("/api/v1/") && c.status() == 503).count();
  }

  private static boolean merged(TrackApiEmulator emulator) {
    return emulator.person("cust-9").map(p -> !p.events().isEmpty()).orElse(false);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waited 20 s").isNegative();
      Thread.sleep(20);
    }
  }
}
