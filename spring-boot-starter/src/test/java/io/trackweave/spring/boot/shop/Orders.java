package io.trackweave.spring.boot.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import org.springframework.stereotype.Service;

/** A bean with tracked methods; a class without interfaces, so Spring proxies it by subclassing. */
@Service
public class Orders {
  @TrackEvent("order_completed")
  public String complete(@CustomerId String customerId, @Prop("order_id") String orderId, @Prop("total") double total) {
    if (total < 0) {
      throw new IllegalArgumentException("negative total");
    }
    return orderId;
  }

  /** Calls {@link #complete} on {@code this}, not through the proxy: a proxy cannot see it. */
  public String completeInternally(String customerId, String orderId, double total) {
    return complete(customerId, orderId, total);
  }
}
