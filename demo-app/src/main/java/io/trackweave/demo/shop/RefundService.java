package io.trackweave.demo.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.TrackEvent;

/** Refunds: suppress post-purchase messages and adjust lifetime value. */
public class RefundService {

  @TrackEvent("order_refunded")
  public Refund refund(@CustomerId String customerId, @Payload Refund refund) {
    return refund;
  }
}
