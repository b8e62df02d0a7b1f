package com.example.shop;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;

/** Plain business code: the annotations are all there is of Trackweave in it. */
public class Checkout {
  @IdentifyOn
  public void register(@CustomerId String customerId, @Attr("email") String email) {}

  @TrackEvent("order_completed")
  public String complete(@CustomerId String customerId, @Prop("order_id") String orderId, @Prop("total") double total) {
    return orderId;
  }
}
