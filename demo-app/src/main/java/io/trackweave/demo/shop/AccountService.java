package io.trackweave.demo.shop;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.IdentifyOn;
import java.math.BigDecimal;
import java.time.Instant;

/** Accounts: registration with marketing consent, and the order stats retention journeys segment on. */
public class AccountService {

  /**
   * Registers a customer. When they browsed as a guest, their visitor id rides along and their
   * anonymous history merges into the new person.
   */
  @IdentifyOn
  public Customer register(
      @CustomerId String customerId,
      @AnonymousId String visitorId,
      @Attr String email,
      @Attr("first_name") String firstName,
      @Attr("email_opt_in") boolean emailOptIn,
      @Attr("sms_opt_in") boolean smsOptIn,
      @Attr("customer_type") String customerType,
      @Attr("created_at") Instant createdAt) {
    return new Customer(customerId, email, firstName, createdAt);
  }

  /** Updates order stats on an existing profile; never creates one. */
  @IdentifyOn(updateOnly = true)
  public void recordOrderStats(
      @CustomerId String customerId,
      @Attr("total_orders") int totalOrders,
      @Attr("lifetime_value") BigDecimal lifetimeValue,
      @Attr("last_order_at") Instant lastOrderAt) {}
}
