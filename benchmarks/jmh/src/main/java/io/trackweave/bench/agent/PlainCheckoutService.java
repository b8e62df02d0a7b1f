package io.trackweave.bench.agent;

import io.trackweave.bench.fixture.Order;

/** {@link CheckoutService} without its annotations: never woven, the baseline. */
public class PlainCheckoutService {
  private long confirmed;

  public Order confirmPayment(String customerId, Order order) {
    confirmed++;
    return order;
  }

  public long confirmed() {
    return confirmed;
  }
}
