package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.Stages;
import io.trackweave.runtime.TestSupport;
import io.trackweave.runtime.TrackweaveConfig;
import io.trackweave.runtime.internal.capture.Capture;
import io.trackweave.runtime.internal.capture.DedupeFilter;
import io.trackweave.runtime.internal.metrics.DropWarning;
import io.trackweave.runtime.internal.metrics.Ledger;
import io.trackweave.runtime.internal.metrics.LogSink;
import io.trackweave.runtime.internal.metrics.ViolationWarning;
import io.trackweave.runtime.internal.operation.Operation;
import io.trackweave.runtime.internal.queue.OperationQueue;
import io.trackweave.runtime.internal.queue.Overflow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The merge order across senders: a guest's anonymous event in one batch, the identify carrying the
 * guest's anonymous id in the next, delivered by two senders at once. The anonymous event's request
 * stalls (a slow or hanging v1 path) until the other sender has either sent the identify (the order
 * is broken) or is seen waiting for the event; then it fails, and is retried or spooled.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnonymousOrderTest {
  @StartStop final MockWebServer server = new MockWebServer();

  final Ledger ledger = new Ledger(null, new DropWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM),
      new ViolationWarning(Long.MAX_VALUE / 4, System::nanoTime, LogSink.SYSTEM));
  final OperationQueue queue = new OperationQueue(1 << 20, 1000, 1000, 1 << 20);
  final AnonymousOrder order = new AnonymousOrder(TimeUnit.SECONDS.toNanos(30), System::nanoTime);
  /** What Customer.io accepted, in the order it arrived: "event" or "identify". */
  final List<String> accepted = new CopyOnWriteArrayList<>();
  final CountDownLatch eventSent = new CountDownLatch(1);
  final AtomicBoolean identifySent = new AtomicBoolean();

  /**
   * The anonymous event's first request stalls until the identify arrived or a sender waits for the
   * event, then answers 503; its next one 200. Everything else is accepted at once.
   */
  void stallTheAnonymousEventOnce() {
    AtomicInteger eventRequests = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = TestSupport.body(request);
        if (body.contains("\"identify\"")) {
          identifySent.set(true);
          accepted.add("identify");
          return TestSupport.ok();
        }
        if (!body.contains("visitor-1")) {
          return TestSupport.ok();
        }
        if (eventRequests.incrementAndGet() == 1) {
          eventSent.countDown();
          while (!identifySent.get() && order.waiting() == 0) {
            LockSupport.parkNanos(1_000_000);
          }
          return TestSupport.status(503);
        }
        accepted.add("event");
        return TestSupport.ok();
      }
    });
  }

  Operation[] guestThenIdentify(ApiVersion api) {
    Capture capture = new Capture(ledger, queue, Overflow.DROP, new DedupeFilter(64), api, System::currentTimeMillis);
    capture.trackAnonymous("visitor-1", "product_viewed", Fields.EMPTY, 1_700_000_000L, null);
    capture.identify(new Person(IdentifierType.ID, "cust-1", "visitor-1"), Fields.EMPTY, false);
    return new Operation[] {queue.poll(), queue.poll()};
  }

  SenderPool senders(TrackweaveConfig config, Overflow overflow, boolean spill) {
    HttpTransport http = new HttpTransport(Stages.http(config));
    SenderPool pool = new SenderPool(2, "trackweave-sender-test-",
        () -> new Delivery(Stages.delivery(config), http, new TokenBucket(1e6, System::nanoTime), ledger, queue,
            overflow, nanos -> {}, System::nanoTime, System::currentTimeMillis, new AtomicBoolean(), spill,
            new Reachability(), order),
        new Surrender(overflow, queue, ledger), System::nanoTime, order);
    pool.start();
    return pool;
  }

  /** The two batches, the second once the first sender is busy with the anonymous event. */
  void deliver(SenderPool pool, Operation[] ops) throws InterruptedException {
    pool.submit(List.of(ops[0]));
    assertThat(eventSent.await(30, TimeUnit.SECONDS)).isTrue();
    pool.submit(List.of(ops[1]));
    while (ledger.report().pending() > 0) {
      LockSupport.parkNanos(5_000_000);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    pool.stop(deadline, deadline, () -> {});
  }

  @Test
  void anIdentifyOnAnotherSenderWaitsWhileTheEarlierAnonymousEventIsRetried() throws Exception {
    stallTheAnonymousEventOnce();
    TrackweaveConfig config = TestSupport.config(server).build();
    deliver(senders(config, Overflow.DROP, false), guestThenIdentify(ApiVersion.V2));
    assertThat(accepted).containsExactly("event", "identify");
    assertThat(ledger.report().delivered()).isEqualTo(2);
    assertThat(order.tracked()).isZero();
  }

  @Test
  void anIdentifyOnAnotherSenderFollowsTheEarlierAnonymousEventIntoTheSpool() throws Exception {
    stallTheAnonymousEventOnce();
    DeliveryTest.RecordingSpool spool = new DeliveryTest.RecordingSpool();
    TrackweaveConfig config = TestSupport.config(server).build();
    deliver(senders(config, spool, true), guestThenIdentify(ApiVersion.V2));
    // the event went to the spool at its first failure; the identify behind it, never to Customer.io
    assertThat(spool.taken).extracting(op -> op.action().name()).containsExactly("ANONYMOUS_EVENT", "IDENTIFY");
    assertThat(accepted).isEmpty();
    assertThat(order.tracked()).isZero();
  }

  @Test
  void onThePipelinesApiAnIdentifyInALaterBatchWaitsToo() throws Exception {
    stallTheAnonymousEventOnce();
    TrackweaveConfig config = TestSupport.config(server).apiVersion(ApiVersion.PIPELINES)
        .pipelinesApiKey("pipelines-key").build();
    deliver(senders(config, Overflow.DROP, false), guestThenIdentify(ApiVersion.PIPELINES));
    assertThat(accepted).containsExactly("event", "identify");
    assertThat(ledger.report().delivered()).isEqualTo(2);
  }

  @Test
  void anIdentifyWaitsOnlyForAnonymousEventsOfEarlierBatches() {
    Capture capture = new Capture(ledger, queue, Overflow.DROP, new DedupeFilter(64), ApiVersion.V2,
        System::currentTimeMillis);
    // batch 1: guest a's event, then b's identify; batch 2: guest b's event, then a's identify
    capture.trackAnonymous("a", "viewed", Fields.EMPTY, 1_700_000_000L, null);
    capture.identify(new Person(IdentifierType.ID, "cust-b", "b"), Fields.EMPTY, false);
    capture.trackAnonymous("b", "viewed", Fields.EMPTY, 1_700_000_001L, null);
    capture.identify(new Person(IdentifierType.ID, "cust-a", "a"), Fields.EMPTY, false);
    List<Operation> first = List.of(queue.poll(), queue.poll());
    List<Operation> second = List.of(queue.poll(), queue.poll());
    order.handOut(first);
    order.handOut(second);
    // b's identify went out before b's event: it must not wait for it (the two senders would wait on
    // each other); a's identify waits for a's event of the batch before
    assertThat(order.mustWait(first.get(1))).isFalse();
    assertThat(order.mustWait(second.get(1))).isTrue();
    order.done(first, false);
    order.done(second, false);
    assertThat(order.tracked()).isZero();
  }

  @Test
  void aFreshIdentifyFollowsAnEventAlreadyInTheSpoolUntilOneOfThatIdsEventsIsDelivered() throws Exception {
    Operation[] ops = guestThenIdentify(ApiVersion.V2);
    order.handOut(List.of(ops[0]));
    order.settled(ops[0], true);
    order.handOut(List.of(ops[1]));
    assertThat(order.await(ops[1])).isEqualTo(AnonymousOrder.Outcome.SPOOLED);
    // once one of the id's events is delivered, nothing is left in the spool to follow
    Operation[] more = guestThenIdentify(ApiVersion.V2);
    order.handOut(List.of(more[0]));
    order.settled(more[0], false);
    order.handOut(List.of(more[1]));
    assertThat(order.mustWait(more[1])).isFalse();
    assertThat(order.await(more[1])).isEqualTo(AnonymousOrder.Outcome.CLEAR);
  }

  @Test
  void theWaitEndsWithTheBudgetOnTheInjectedClock() throws Exception {
    long[] now = {0};
    AnonymousOrder bounded = new AnonymousOrder(TimeUnit.SECONDS.toNanos(10), () -> now[0] += TimeUnit.SECONDS.toNanos(1));
    Operation[] ops = guestThenIdentify(ApiVersion.V2);
    bounded.handOut(List.of(ops[0]));
    bounded.handOut(List.of(ops[1]));
    assertThat(bounded.await(ops[1])).isEqualTo(AnonymousOrder.Outcome.TIMED_OUT);
    assertThat(now[0]).isLessThan(TimeUnit.SECONDS.toNanos(20));
  }

  @Test
  void aBatchTheBatcherOffersAgainAndAgainIsRegisteredOnceSoItsIdentifyNeverWaitsForItsOwnEvent() throws Exception {
    Capture capture = new Capture(ledger, queue, Overflow.DROP, new DedupeFilter(64), ApiVersion.V2,
        System::currentTimeMillis);
    capture.trackAnonymous("a", "viewed", Fields.EMPTY, 1_700_000_000L, null);
    capture.identify(new Person(IdentifierType.ID, "cust-a", "a"), Fields.EMPTY, false);
    List<Operation> batch = List.of(queue.poll(), queue.poll());
    // one sender, not started: the hand-off holds one batch, so the second waits and is offered again
    SenderPool pool = new SenderPool(1, "trackweave-sender-order-test-", () -> ops -> {},
        new Surrender(Overflow.DROP, queue, ledger), System::nanoTime, order);
    assertThat(pool.offer(List.of(), 0)).isTrue();
    assertThat(pool.offer(batch, 0)).isFalse();
    assertThat(pool.offer(batch, 0)).isFalse();
    assertThat(pool.offer(batch, 0)).isFalse();
    // the event is in the identify's own batch, before it: delivered first by the same sender, never waited for
    assertThat(order.mustWait(batch.get(1))).isFalse();
    pool.giveUp(batch, "unreachable"); // the memory bound spilled it: settled in the merge order too
    assertThat(order.tracked()).isZero();
  }
}
