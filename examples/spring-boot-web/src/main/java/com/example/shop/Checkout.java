package com.example.shop;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import org.springframework.stereotype.Service;

/** A plain Spring bean: the annotations are all there is of Trackweave in it; the starter tracks it through a proxy. */
@Service
public class Checkout {
  @IdentifyOn
  public void register(@CustomerId String customerId, @Attr("email") String email) {}

  @TrackEvent("order_completed")
  public String complete(@CustomerId String customerId, @Prop("order_id") String orderId, @Prop("total") double total) {
    return orderId;
  }
}
