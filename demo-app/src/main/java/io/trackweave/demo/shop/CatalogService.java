package io.trackweave.demo.shop;

import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Payload;
import io.trackweave.annotations.TrackEvent;
import java.util.Map;
import java.util.NoSuchElementException;

/** Product pages. A known customer's view feeds browse-abandonment journeys. */
public class CatalogService {
  private final Map<String, Product> products;

  public CatalogService(Map<String, Product> products) {
    this.products = Map.copyOf(products);
  }

  /** Shows a product page to a signed-in customer; the product viewed is the event's payload. */
  @TrackEvent("product_viewed")
  @Payload
  public Product viewProduct(@CustomerId String customerId, String sku) {
    Product product = products.get(sku);
    if (product == null) {
      throw new NoSuchElementException("no product " + sku);
    }
    return product;
  }

  public Product product(String sku) {
    return products.get(sku);
  }
}
