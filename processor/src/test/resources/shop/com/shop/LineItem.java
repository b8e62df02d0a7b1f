package com.shop;

import java.math.BigDecimal;

public record LineItem(
    @NonNull String sku, @NonNull String productName, int quantity, @NonNull BigDecimal unitPrice, String category) {}
