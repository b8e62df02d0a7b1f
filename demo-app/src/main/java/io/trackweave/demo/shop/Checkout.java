package io.trackweave.demo.shop;

import java.math.BigDecimal;
import java.util.List;

/** A checkout a known customer started; enrols them in cart recovery. */
public record Checkout(
    String checkoutId,
    BigDecimal cartValue,
    Currency currency,
    String shippingCountry,
    String checkoutUrl,
    String coupon,
    List<LineItem> items) {}
