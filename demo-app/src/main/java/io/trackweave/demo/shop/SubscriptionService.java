package io.trackweave.demo.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.time.Instant;

/** Replenishment subscriptions: created, paused and canceled feed the subscription-save journeys. */
public class SubscriptionService {

  @TrackEvent("subscription_created")
  public Subscription create(@CustomerId String customerId, @Payload Subscription subscription) {
    return subscription;
  }

  @TrackEvent("subscription_paused")
  public void pause(
      @CustomerId String customerId,
      @Prop("subscription_id") String subscriptionId,
      @Prop("resume_at") Instant resumeAt) {}

  @TrackEvent("subscription_canceled")
  public void cancel(
      @CustomerId String customerId,
      @Prop("subscription_id") String subscriptionId,
      @Prop CancelReason reason) {}
}
