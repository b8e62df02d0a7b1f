package io.trackweave.demo.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Fire;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Payments. The provider's webhook confirms a payment, and providers retry webhooks: the plan's
 * dedupe key (order_id) makes a retried confirmation count once.
 */
public class PaymentService {
  private final Set<String> decliningCards;

  public PaymentService(Set<String> decliningCards) {
    this.decliningCards = Set.copyOf(decliningCards);
  }

  /** The provider confirmed payment for an order: exits cart recovery, starts post-purchase. */
  @TrackEvent("order_completed")
  public Order confirmPayment(@Payload Order order) {
    return order;
  }

  /** Charges a card; a decline tracks payment_failed and the exception still reaches the caller. */
  @TrackEvent(value = "payment_failed", on = Fire.THROW)
  public String charge(
      @CustomerId String customerId,
      @Prop("payment_id") String paymentId,
      @Prop BigDecimal amount,
      @Prop Currency currency,
      String card)
      throws PaymentDeclinedException {
    if (decliningCards.contains(card)) {
      throw new PaymentDeclinedException("insufficient_funds");
    }
    return "auth-" + paymentId;
  }
}
