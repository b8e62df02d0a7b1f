package com.acme;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.DeleteObject;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.ObjectId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.RelationshipAttr;
import io.trackweave.annotations.TrackEvent;
import java.math.BigDecimal;
import java.time.Instant;

public class Subscriptions {
  /** The object's attributes from the returned record, related to the person in the same call. */
  @IdentifyObject(value = "subscription", relate = true)
  @Payload
  public Subscription subscribe(@CustomerId String customerId, Tier plan) {
    return new Subscription("sub-" + customerId, plan, Instant.ofEpochSecond(1_700_000_000L), 3, "n");
  }

  /** Attributes from parameters; the relationship has an attribute of its own. */
  @IdentifyObject(value = "subscription", relate = true)
  public void invite(@CustomerId long memberId, @ObjectId String subscriptionId,
      @RelationshipAttr String role, @Attr("seats") int seats) {}

  /** No person: the object alone, with an id of another type. */
  @IdentifyObject("subscription")
  public void reprice(@ObjectId java.util.UUID subscriptionId, @Attr("price") BigDecimal price) {}

  @DeleteObject("subscription")
  public void purge(@ObjectId String subscriptionId) {}

  /** A payload read only for its @ObjectId: a delete has no attributes. */
  @DeleteObject("subscription")
  public void cancel(@Payload Subscription subscription) {}

  /** An event and an object from one method. */
  @TrackEvent("subscription_started")
  @IdentifyObject("account")
  public void start(@CustomerId String customerId, @Prop("plan") String plan, @ObjectId long accountId,
      @Attr("name") String accountName) {}
}
