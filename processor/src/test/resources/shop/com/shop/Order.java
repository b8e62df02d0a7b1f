package com.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.EventTimestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record Order(
    @CustomerId String customerId,
    @NonNull String orderId,
    @NonNull BigDecimal revenue,
    @NonNull Currency currency,
    boolean isFirstOrder,
    String discountCode,
    @NonNull List<LineItem> items,
    @EventTimestamp Instant paidAt) {}
