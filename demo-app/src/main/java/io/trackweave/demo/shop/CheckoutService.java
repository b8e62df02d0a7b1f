package io.trackweave.demo.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.TrackEvent;
import java.math.BigDecimal;
import java.util.List;

/** Checkout: reaching it with a known customer enrols them in cart recovery. */
public class CheckoutService {

  @TrackEvent("checkout_started")
  @Payload
  public Checkout startCheckout(
      @CustomerId String customerId, String checkoutId, List<LineItem> items, Currency currency) {
    BigDecimal value = BigDecimal.ZERO;
    for (LineItem item : items) {
      value = value.add(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())));
    }
    return new Checkout(
        checkoutId,
        value,
        currency,
        "GB",
        "https://shop.example/checkout/" + checkoutId,
        null,
        List.copyOf(items));
  }
}
