package io.trackweave.bench.client;

import io.trackweave.bench.fixture.Order;
import io.trackweave.bench.fixture.OrderPayloads;
import io.trackweave.bench.peer.SegmentPeer;
import io.trackweave.bench.sink.SinkProcess;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Segment's analytics-java (relocated, see segment-peer) pointed at a {@link SinkProcess}. */
public final class SegmentClient implements AutoCloseable {
  public static final String EVENT = "order_completed";

  private final SinkProcess sink;
  private final SegmentPeer peer;
  private final AtomicLong sent = new AtomicLong();

  private SegmentClient(SinkProcess sink, SegmentPeer peer) {
    this.sink = sink;
    this.peer = peer;
  }

  public static SegmentClient start() {
    SinkProcess sink = SinkProcess.start();
    return new SegmentClient(sink, SegmentPeer.start(sink.baseUrl()));
  }

  /** The whole caller-side work of one tracked order: the properties map, then enqueue. */
  public void track(String customerId, Order order) {
    peer.track(EVENT, customerId, order.orderId(), OrderPayloads.segmentProperties(order));
  }

  /** Only Segment's part: the properties map was built beforehand. */
  public void trackPrepared(String customerId, Map<String, Object> properties, String orderId) {
    peer.track(EVENT, customerId, orderId, properties);
  }

  public long sent(long calls) {
    return sent.addAndGet(calls);
  }

  public long sent() {
    return sent.get();
  }

  /** Asks Segment to upload what it holds, then waits until the sink has counted {@code target}. */
  public void awaitDelivered(long target) {
    peer.flush();
    sink.awaitEvents(SinkProcess.Client.SEGMENT, target, 60_000, SinkProcess.Check.NONE);
  }

  /** Waits until fewer than {@code window} events sent so far are still on their way to the sink. */
  public void awaitOutstandingBelow(long window) {
    long mustHave = sent.get() - window;
    if (mustHave > 0) {
      sink.awaitEvents(SinkProcess.Client.SEGMENT, mustHave, 60_000, SinkProcess.Check.NONE);
    }
  }

  public SinkProcess sink() {
    return sink;
  }

  @Override
  public void close() {
    try {
      peer.close();
    } finally {
      sink.close();
    }
  }
}
