package com.more;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Fire;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.NotTracked;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.math.BigDecimal;

/** Less common shapes, against the shop plan. */
public class Accounts {
  /** A payload class whose getters come partly from a superclass, renamed on the field. */
  public static class Base {
    @Attr("first_name") private final String name;

    public Base(String name) { this.name = name; }

    public String getName() { return name; }
  }

  public static class Account extends Base {
    private final String id;
    private final String email;
    private final boolean vip;

    public Account(String id, String email, String name, boolean vip) {
      super(name);
      this.id = id;
      this.email = email;
      this.vip = vip;
    }

    @CustomerId
    public String getId() { return id; }
    public String getEmail() { return email; }
    @Attr("is_vip")
    public boolean isVip() { return vip; }
    @NotTracked
    public String getPasswordHash() { return "x"; }
  }

  /** The person comes from the returned account's @CustomerId getter; its getters become attributes. */
  @IdentifyOn
  @Payload
  public Account signUp(@AnonymousId String visitorId, String password) {
    return null;
  }

  /** The return value itself is the customer id. */
  @TrackEvent("subscription_created")
  @CustomerId
  public String subscribe(
      @Prop("subscription_id") @com.more.NonNull String subscriptionId,
      @Prop @com.more.NonNull String plan,
      @Prop("interval_days") int intervalDays) {
    return null;
  }

  /** The record returned carries the person (found without @Payload). */
  public record Refund(@CustomerId String customerId, String refundId) {}

  @TrackEvent(value = "order_refunded", on = Fire.ALWAYS)
  public Refund refund(
      @CustomerId String customerId,
      @Prop("refund_id") @com.more.NonNull String refundId,
      @Prop("order_id") @com.more.NonNull String orderId,
      @Prop @com.more.NonNull BigDecimal amount,
      @Prop @com.more.NonNull String currency) {
    return null;
  }

  public record Visit(@CustomerId String customerId, String sku) {}

  @TrackEvent("product_viewed")
  public Visit visit(@Prop @com.more.NonNull String sku, @Prop @com.more.NonNull String category, @Prop double price) {
    return null;
  }
}
