package io.trackweave.demo.shop;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.ObjectId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.RelationshipAttr;
import io.trackweave.annotations.TrackEvent;
import java.time.Instant;

/** Replenishment subscriptions: created, paused and canceled feed the subscription-save journeys. */
public class SubscriptionService {

  @TrackEvent("subscription_created")
  public Subscription create(@CustomerId String customerId, @Payload Subscription subscription) {
    save(customerId, subscription.subscriptionId(), subscription.plan(), subscription.intervalDays(), "active",
        "owner");
    return subscription;
  }

  /** Keeps the subscription as a Customer.io object, related to its owner, so segments can use its plan. */
  @IdentifyObject(value = "subscription", relate = true)
  void save(
      @CustomerId String customerId,
      @ObjectId String subscriptionId,
      @Attr("plan") String plan,
      @Attr("interval_days") int intervalDays,
      @Attr("status") String status,
      @RelationshipAttr("role") String role) {}

  /**
   * The subscription object's status. Related to the customer again (a no-op in Customer.io) because the
   * Data Pipelines API only writes an object's attributes through a person's {@code group} call.
   */
  @IdentifyObject(value = "subscription", relate = true)
  void status(@CustomerId String customerId, @ObjectId String subscriptionId, @Attr("status") String status) {}

  @TrackEvent("subscription_paused")
  public void pause(
      @CustomerId String customerId,
      @Prop("subscription_id") String subscriptionId,
      @Prop("resume_at") Instant resumeAt) {
    status(customerId, subscriptionId, "paused");
  }

  @TrackEvent("subscription_canceled")
  public void cancel(
      @CustomerId String customerId,
      @Prop("subscription_id") String subscriptionId,
      @Prop CancelReason reason) {
    status(customerId, subscriptionId, "canceled");
  }
}
