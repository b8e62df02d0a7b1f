package io.trackweave.demo.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.EventTimestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A paid order. The customer id identifies the person (it is not a property), and the event's
 * timestamp is when payment was confirmed, not when the event happens to be sent.
 */
public record Order(
    @CustomerId String customerId,
    String orderId,
    BigDecimal revenue,
    Currency currency,
    boolean isFirstOrder,
    String discountCode,
    List<LineItem> items,
    @EventTimestamp Instant paidAt) {}
