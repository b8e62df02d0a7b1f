package com.shop;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Fire;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A correct shop service: every annotated method agrees with the shop plan. */
public class ShopService {

  @IdentifyOn
  public Customer register(
      @CustomerId String customerId,
      @AnonymousId String visitorId,
      @Attr String email,
      @Attr("first_name") String firstName,
      @Attr("email_opt_in") boolean emailOptIn,
      @Attr("customer_type") String customerType,
      @Attr("created_at") Instant createdAt) {
    return new Customer(customerId, email, firstName, createdAt);
  }

  @IdentifyOn(updateOnly = true)
  public void recordOrderStats(
      @CustomerId long customerNumber,
      @Attr("total_orders") int totalOrders,
      @Attr("lifetime_value") BigDecimal lifetimeValue,
      @Attr("last_order_at") OffsetDateTime lastOrderAt) {}

  @TrackEvent("product_viewed")
  @Payload
  public Product viewProduct(@CustomerId String customerId, String sku) {
    return new Product(sku, "House blend", "coffee", 24.5);
  }

  @TrackEvent("added_to_cart")
  public int addToCart(
      @CustomerId String customerId,
      @AnonymousId String visitorId,
      @Prop("cart_id") @NonNull String cartId,
      @Prop @NonNull String sku,
      @Prop int quantity,
      @Prop("unit_price") double unitPrice,
      @Prop("image_url") Optional<String> imageUrl) {
    return 1;
  }

  @TrackEvent("order_completed")
  public Order confirmPayment(@Payload Order order) {
    return order;
  }

  @TrackEvent(value = "payment_failed", on = Fire.THROW)
  public String charge(
      @CustomerId String customerId,
      @Prop("payment_id") @NonNull String paymentId,
      @Prop @NonNull BigDecimal amount,
      @Prop @NonNull Currency currency,
      String card) throws PaymentDeclinedException {
    if (card.startsWith("4000")) {
      throw new PaymentDeclinedException("insufficient_funds");
    }
    return "auth-" + paymentId;
  }

  @TrackEvent("subscription_canceled")
  public CompletionStage<String> cancel(
      @CustomerId String customerId,
      @Prop("subscription_id") @NonNull String subscriptionId,
      @Prop @NonNull CancelReason reason) {
    return CompletableFuture.completedFuture("canceled");
  }

  @IdentifyOn
  @TrackEvent("subscription_paused")
  public void pause(
      @CustomerId String customerId,
      @Prop("subscription_id") @NonNull String subscriptionId,
      @Prop("resume_at") Instant resumeAt,
      @Attr("subscription_status") String status) {}
}
