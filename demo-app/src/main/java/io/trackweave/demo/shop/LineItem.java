package io.trackweave.demo.shop;

import java.math.BigDecimal;

/** One line of a cart, checkout or order; the plan's {@code line_item}. */
public record LineItem(
    String sku, String productName, int quantity, BigDecimal unitPrice, String category) {}
