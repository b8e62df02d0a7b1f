package com.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Fire;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;

/** Shapes the shop fixture has not: an event on return and throw, a Java-style enum, a String into an enum. */
public class Subscriptions {
  /** Spelled as Java teams spell constants; the plan says price, too_much_inventory, did_not_work, other. */
  public enum Reason { PRICE, TOO_MUCH_INVENTORY, DID_NOT_WORK, OTHER }

  @TrackEvent(value = "subscription_canceled", on = Fire.ALWAYS)
  public void cancel(@CustomerId String customerId, @Prop("subscription_id") @NonNull String subscriptionId,
      @Prop @NonNull Reason reason) {}

  @TrackEvent("subscription_canceled")
  public void cancelByCode(@CustomerId String customerId,
      @Prop("subscription_id") @NonNull String subscriptionId, @Prop("reason") @NonNull String reasonCode) {}
}
