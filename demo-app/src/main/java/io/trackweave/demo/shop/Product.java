package io.trackweave.demo.shop;

import io.trackweave.annotations.NotTracked;
import java.math.BigDecimal;

/** A catalog product. Its display name is not part of the product_viewed contract. */
public record Product(String sku, @NotTracked String name, String category, BigDecimal price) {}
