package io.trackweave.bench.agent;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.bench.fixture.Order;

/**
 * The woven method of the agent benchmark. The real processor checks it against the shop plan when this
 * module compiles, and writes its mapper and index entry; the agent weaves it in the benchmark's JVM.
 */
public class CheckoutService {
  private long confirmed;

  @TrackEvent("order_completed")
  public Order confirmPayment(@CustomerId String customerId, @Payload Order order) {
    confirmed++;
    return order;
  }

  public long confirmed() {
    return confirmed;
  }
}
