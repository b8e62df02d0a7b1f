package io.trackweave.runtime.internal.send;

import static io.trackweave.runtime.TestSupport.json;
import static io.trackweave.runtime.TestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.TestSupport;
import io.trackweave.runtime.Stages;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.internal.capture.Capture;
import io.trackweave.runtime.internal.capture.DedupeFilter;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The sender on its own, with a {@link Pause} that records waits instead of sleeping. */
class DeliveryTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @StartStop final MockWebServer elsewhere = new MockWebServer();

  final List<Long> pauses = new CopyOnWriteArrayList<>();
  final Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
        new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
  final OperationQueue queue = new OperationQueue(1 << 20, 1000, 1000, 1 << 20);

  Delivery delivery(TrackweaveConfig config) {
    return new Delivery(Stages.delivery(config), new HttpTransport(Stages.http(config)), new TokenBucket(1e6, System::nanoTime), ledger, queue,
        Overflow.DROP, pauses::add, System::nanoTime, new AtomicBoolean());
  }

  /** A delivery whose wall clock (epoch milliseconds) is {@code wallClock}. */
  Delivery delivery(TrackweaveConfig config, LongSupplier wallClock) {
    return new Delivery(Stages.delivery(config), new HttpTransport(Stages.http(config)), new TokenBucket(1e6, System::nanoTime), ledger, queue,
        Overflow.DROP, pauses::add, System::nanoTime, wallClock, new AtomicBoolean(), false, new Reachability());
  }

  List<Operation> events(int n) {
    Capture capture = new Capture(ledger, queue, Overflow.DROP, new DedupeFilter(64), ApiVersion.V2,
        System::currentTimeMillis);
    for (int i = 0; i < n; i++) {
      capture.track(Person.identified(IdentifierType.ID, "p" + i), "viewed", Fields.EMPTY, 1_700_000_000L, null);
    }
    List<Operation> ops = new ArrayList<>();
    Operation op;
    while ((op = queue.poll()) != null) {
      ops.add(op);
    }
    return ops;
  }

  @Test
  void retryAfterInSecondsIsHonoured() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    server.enqueue(ok());
    delivery(TestSupport.config(server).build()).deliver(events(2));
    assertThat(pauses).containsExactly(TimeUnit.SECONDS.toNanos(7));
    assertThat(ledger.report().delivered()).isEqualTo(2);
    assertThat(ledger.snapshot().retried()).isEqualTo(2);
    assertThat(queue.operations()).isZero();
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    long now = 1_700_000_000_000L; // the delivery's wall clock: Tue, 14 Nov 2023 22:13:20 GMT
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        Instant.ofEpochMilli(now).plusSeconds(30).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", date).build());
    server.enqueue(ok());
    delivery(TestSupport.config(server).retryMaxTime(Duration.ofMinutes(2)).build(), () -> now).deliver(events(1));
    assertThat(pauses).hasSize(1);
    // measured against the injected wall clock, not the machine's: exactly the 30 seconds the date is ahead
    assertThat(pauses.get(0)).isBetween(TimeUnit.SECONDS.toNanos(28), TimeUnit.SECONDS.toNanos(30))
        .isEqualTo(TimeUnit.SECONDS.toNanos(30));
    assertThat(ledger.report().delivered()).isEqualTo(1);
  }

  @Test
  void aDeliveredEventCountsAsStaleOnlyOncePastTheTriggerWindowOnTheWallClock() {
    server.enqueue(ok());
    server.enqueue(ok());
    long captured = 1_700_000_000L; // the events' timestamp (seconds)
    long window = TimeUnit.HOURS.toSeconds(72);
    long[] now = {TimeUnit.SECONDS.toMillis(captured + window) - 1};
    Delivery d = delivery(TestSupport.config(server).build(), () -> now[0]);
    d.deliver(events(1));
    assertThat(ledger.snapshot().staleEvents()).as("a millisecond inside the window").isZero();
    now[0] += 1;
    d.deliver(events(1));
    assertThat(ledger.snapshot().staleEvents()).isEqualTo(1);
    assertThat(ledger.report().delivered()).isEqualTo(2);
  }

  @Test
  void aRetryAfterBeyondTheTimeBoundGivesUpInsteadOfWaiting() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
    delivery(TestSupport.config(server).retryMaxTime(Duration.ofSeconds(60)).build()).deliver(events(3));
    assertThat(pauses).isEmpty();
    assertThat(ledger.report().dropped()).isEqualTo(3);
    assertThat(ledger.snapshot().droppedByReason()).containsEntry("retries_exhausted", 3L);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void backoffIsJitteredAndGrowsWithinItsCeiling() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(TestSupport.status(502));
    }
    server.enqueue(ok());
    delivery(TestSupport.config(server)
        .retryInitialBackoff(Duration.ofMillis(100)).retryMaxBackoff(Duration.ofMillis(250)).build())
        .deliver(events(1));
    assertThat(pauses).hasSize(4);
    long[] ceilings = {100, 200, 250, 250};
    for (int i = 0; i < 4; i++) {
      assertThat(pauses.get(i)).isBetween(0L, TimeUnit.MILLISECONDS.toNanos(ceilings[i]));
    }
    assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30)).ceilingNanos(60))
        .isEqualTo(TimeUnit.SECONDS.toNanos(30));
  }

  @Test
  void ioErrorsAreRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().onRequestStart(new mockwebserver3.SocketEffect.CloseSocket()).build());
    server.enqueue(ok());
    delivery(TestSupport.config(server).build()).deliver(events(1));
    assertThat(ledger.report().delivered()).isEqualTo(1);
    assertThat(pauses).hasSize(1);
  }

  @Test
  void aRedirectOffCustomerIoIsRefusedAndTheBatchIsNotSentThere() throws Exception {
    elsewhere.enqueue(ok());
    server.enqueue(new MockResponse.Builder().code(307)
        .addHeader("Location", elsewhere.url("/api/v2/batch").toString()).build());
    delivery(TestSupport.config(server).build()).deliver(events(2));
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNotNull();
    assertThat(elsewhere.getRequestCount()).isZero(); // neither the body nor the credentials left
    assertThat(ledger.report().delivered()).isZero();
    assertThat(ledger.report().rejected()).isEqualTo(2);
    assertThat(ledger.snapshot().rejectedByReason()).containsEntry(RedirectPolicy.REASON, 2L);
    assertThat(ledger.snapshot().retried()).isZero();
    assertThat(queue.operations()).isZero();
  }

  @Test
  void a303IsRefusedEvenWithinTheConfiguredOrigin() throws Exception {
    // a 303 means GET: the batch would be lost, and a 200 to the GET would count it as delivered
    server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/moved/api/v2/batch").build());
    server.enqueue(ok());
    delivery(TestSupport.config(server).build()).deliver(events(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(ledger.report().delivered()).isZero();
    assertThat(ledger.snapshot().rejectedByReason()).containsEntry(RedirectPolicy.REASON, 1L);
  }

  @Test
  void a301And302AreRefusedToo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/moved/api/v2/batch").build());
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/moved/api/v2/batch").build());
    server.enqueue(ok());
    Delivery d = delivery(TestSupport.config(server).build());
    d.deliver(events(1));
    d.deliver(events(1));
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(ledger.report().delivered()).isZero();
    assertThat(ledger.snapshot().rejectedByReason()).containsEntry(RedirectPolicy.REASON, 2L);
  }

  @Test
  void aRedirectWithinTheConfiguredOriginKeepsCredentials() throws Exception {
    server.enqueue(new MockResponse.Builder().code(308).addHeader("Location", "/moved/api/v2/batch").build());
    server.enqueue(ok());
    delivery(TestSupport.config(server).build()).deliver(events(1));
    server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest followed = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(followed.getTarget()).isEqualTo("/moved/api/v2/batch");
    assertThat(followed.getHeaders().get("Authorization")).isNotNull();
    assertThat(ledger.report().delivered()).isEqualTo(1);
  }

  @Test
  void itemErrorsOfA207AreReadByBatchIndex() {
    assertThat(ItemErrors.read("{\"errors\":[{\"batch_index\":2,\"reason\":\"r\",\"message\":\"m\"}]}").get(2))
        .containsExactly("r", "r: m");
    assertThat(ItemErrors.read("not json")).isEmpty();
  }

  /** A spool stand-in that records what it was handed and the Retry-After holds it was asked for. */
  static final class RecordingSpool implements Overflow {
    final List<Operation> taken = new CopyOnWriteArrayList<>();
    final List<Long> holds = new CopyOnWriteArrayList<>();

    @Override
    public boolean offerWhenFull(Operation op) {
      return false;
    }

    @Override
    public boolean offerUndeliverable(List<Operation> ops) {
      taken.addAll(ops);
      return true;
    }

    @Override
    public void holdReplay(long nanos) {
      holds.add(nanos);
    }
  }

  Delivery spilling(TrackweaveConfig config, Overflow spool, Reachability reachability) {
    return new Delivery(Stages.delivery(config), new HttpTransport(Stages.http(config)), new TokenBucket(1e6, System::nanoTime), ledger, queue,
        spool, pauses::add, System::nanoTime, new AtomicBoolean(), true, reachability);
  }

  @Test
  void withASpoolAFailedRequestGoesToDiskAtOnceInsteadOfWaitingInMemory() {
    server.enqueue(TestSupport.status(503));
    RecordingSpool spool = new RecordingSpool();
    Reachability reachability = new Reachability();
    List<Operation> ops = events(3);
    spilling(TestSupport.config(server).build(), spool, reachability).deliver(ops);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(pauses).as("no in-memory backoff").isEmpty();
    assertThat(spool.taken).containsExactlyElementsOf(ops);
    assertThat(ledger.report().dropped()).isZero();
    assertThat(ledger.report().pending()).isZero(); // the spool owns them now
    assertThat(ledger.snapshot().spilled()).isEqualTo(3);
    assertThat(ledger.snapshot().retried()).as("to be sent again by the spool's replay").isEqualTo(3);
    assertThat(queue.operations()).isZero();
    assertThat(reachability.isDown()).isTrue();
  }

  @Test
  void withASpoolARetryAfterHoldsTheReplayForThatLong() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    RecordingSpool spool = new RecordingSpool();
    spilling(TestSupport.config(server).build(), spool, new Reachability()).deliver(events(2));
    assertThat(spool.taken).hasSize(2);
    assertThat(spool.holds).containsExactly(TimeUnit.SECONDS.toNanos(7));
  }

  @Test
  void withASpoolTheEndOfAnOutageIsNoticed() {
    server.enqueue(TestSupport.status(503));
    server.enqueue(ok());
    RecordingSpool spool = new RecordingSpool();
    Reachability reachability = new Reachability();
    Delivery d = spilling(TestSupport.config(server).build(), spool, reachability);
    d.deliver(events(1));
    assertThat(reachability.isDown()).isTrue();
    d.deliver(events(1));
    assertThat(reachability.isDown()).isFalse();
    assertThat(ledger.report().delivered()).isEqualTo(1);
  }

  @Test
  void withoutASpoolRetriesAreBoundedByTimeNotByAFastFailingConnectionsAttempts() {
    // a connection refused fails in microseconds: eight attempts would be gone in a moment. The bound is
    // retry.max.time on the delivery's clock, which this test moves by the backoff it is asked to wait.
    long[] now = {0};
    int failures = 40;
    for (int i = 0; i < failures; i++) {
      server.enqueue(TestSupport.status(503));
    }
    server.enqueue(ok());
    TrackweaveConfig config = TestSupport.config(server).retryMaxAttempts(Integer.MAX_VALUE)
        .retryInitialBackoff(Duration.ofMillis(100)).retryMaxBackoff(Duration.ofMillis(200))
        .retryMaxTime(Duration.ofMinutes(2)).build();
    Delivery d = new Delivery(Stages.delivery(config), new HttpTransport(Stages.http(config)), new TokenBucket(1e6, System::nanoTime), ledger,
        queue, Overflow.DROP, nanos -> now[0] += nanos, () -> now[0], new AtomicBoolean());
    d.deliver(events(1));
    assertThat(server.getRequestCount()).isEqualTo(failures + 1);
    assertThat(ledger.report().delivered()).isEqualTo(1);
    assertThat(ledger.report().dropped()).isZero();
  }

  /** What one Capture makes of: an anonymous event for visitor-1, an unrelated event, then the identify merging visitor-1. */
  List<Operation> anonymousThenMerge() {
    Capture capture = new Capture(ledger, queue, Overflow.DROP, new DedupeFilter(64), ApiVersion.V2,
        System::currentTimeMillis);
    capture.trackAnonymous("visitor-1", "product_viewed", Fields.EMPTY, 1_700_000_000L, null);
    capture.track(Person.identified(IdentifierType.ID, "other"), "viewed", Fields.EMPTY, 1_700_000_001L, null);
    capture.identify(new Person(IdentifierType.ID, "cust-1", "visitor-1"), Fields.EMPTY, false);
    List<Operation> ops = new ArrayList<>();
    Operation op;
    while ((op = queue.poll()) != null) {
      ops.add(op);
    }
    return ops;
  }

  @Test
  void anIdentifyCarryingAnAnonymousIdIsSentAfterThatIdsEarlierAnonymousEvents() throws Exception {
    List<String> targets = new CopyOnWriteArrayList<>();
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        targets.add(request.getTarget() + (body.contains("\"identify\"") ? " identify" : ""));
        return ok();
      }
    });
    List<Operation> ops = anonymousThenMerge();
    delivery(TestSupport.config(server).build()).deliver(ops);
    // the anonymous event travels v1; the batch holding the identify only after it
    assertThat(targets).hasSize(3);
    assertThat(targets.get(0)).isEqualTo("/api/v2/batch"); // the unrelated event, batched before the cut
    assertThat(targets.get(1)).startsWith("/api/v1/events");
    assertThat(targets.get(2)).isEqualTo("/api/v2/batch identify");
    assertThat(ledger.report().delivered()).isEqualTo(3);
  }

  @Test
  void whileTheV1PathFailsTheIdentifyWaitsBehindTheAnonymousEventsInTheSpool() {
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // the v1 path is down; the v2 batch succeeds
        return request.getTarget().startsWith("/api/v1/") ? TestSupport.status(503) : ok();
      }
    });
    RecordingSpool spool = new RecordingSpool();
    List<Operation> ops = anonymousThenMerge();
    spilling(TestSupport.config(server).build(), spool, new Reachability()).deliver(ops);
    // the unrelated event went; the anonymous event and the identify after it wait, in order
    assertThat(spool.taken).extracting(op -> op.action().name()).containsExactly("ANONYMOUS_EVENT", "IDENTIFY");
    assertThat(server.getRequestCount()).isEqualTo(2); // one v2 batch, one v1 attempt; no identify sent
    assertThat(ledger.report().delivered()).isEqualTo(1);
  }

  @Test
  void withoutASpoolAnAnonymousEventGivenUpAndDroppedDoesNotTakeTheIdentifyWithIt() {
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().startsWith("/api/v1/") ? TestSupport.status(503) : ok();
      }
    });
    long[] now = {0};
    TrackweaveConfig config = TestSupport.config(server).retryMaxTime(Duration.ofSeconds(10)).build();
    Delivery d = new Delivery(Stages.delivery(config), new HttpTransport(Stages.http(config)), new TokenBucket(1e6, System::nanoTime), ledger,
        queue, Overflow.DROP, nanos -> now[0] += nanos, () -> now[0], new AtomicBoolean());
    d.deliver(anonymousThenMerge());
    // the event is lost after its retries; nothing is left for the identify to wait behind, so it goes
    assertThat(ledger.report().dropped()).isEqualTo(1);
    assertThat(ledger.report().delivered()).isEqualTo(2);
  }
}
