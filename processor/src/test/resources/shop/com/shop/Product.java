package com.shop;

import io.trackweave.annotations.NotTracked;

/** A class with getters, not a record. */
public class Product {
  private final String sku;
  private final String name;
  private final String category;
  private final double price;

  public Product(String sku, String name, String category, double price) {
    this.sku = sku;
    this.name = name;
    this.category = category;
    this.price = price;
  }

  @NonNull
  public String getSku() { return sku; }

  @NotTracked
  public String getName() { return name; }

  @NonNull
  public String getCategory() { return category; }

  public double getPrice() { return price; }
}
