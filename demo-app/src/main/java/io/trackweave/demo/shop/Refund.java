package io.trackweave.demo.shop;

import java.math.BigDecimal;

/** A refund issued against an order. */
public record Refund(
    String refundId, String orderId, BigDecimal amount, Currency currency, String reason) {}
