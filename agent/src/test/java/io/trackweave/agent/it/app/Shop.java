package io.trackweave.agent.it.app;

import io.trackweave.annotations.Attr;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Fire;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The integration tests' annotated domain: returns, throws, and futures. */
public class Shop {
  public static final IllegalStateException DECLINED = new IllegalStateException("card declined");

  @TrackEvent("order_completed")
  public String confirmPayment(@CustomerId String customerId, @Payload Order order) {
    return "confirmed " + order.orderId();
  }

  @TrackEvent(value = "payment_failed", on = Fire.THROW)
  public void chargeCard(@CustomerId String customerId, @Prop("order_id") String orderId) {
    throw DECLINED;
  }

  @IdentifyOn
  public int register(@CustomerId String customerId, @Attr("email") String email, @Attr("sms_opt_in") boolean smsOptIn) {
    return 7;
  }

  @TrackEvent("order_shipped")
  @Payload // the shipment the future completes with
  public CompletableFuture<Shipment> shipAsync(@CustomerId String customerId, @Prop("order_id") String orderId) {
    // completes later, on another thread, after the method has returned
    return CompletableFuture.supplyAsync(
        () -> new Shipment("dhl"), CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
  }
}
