package io.trackweave.demo.shop;

import io.trackweave.annotations.AnonymousId;
import io.trackweave.annotations.CustomerId;
import io.trackweave.annotations.Prop;
import io.trackweave.annotations.TrackEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Carts, for signed-in customers and for guests known only by their visitor id. */
public class CartService {
  private final Map<String, List<LineItem>> carts = new ConcurrentHashMap<>();

  /**
   * Adds an item. A guest has no customer id yet, so the event is anonymous and carries the
   * visitor id; it joins the person's history when they register.
   */
  @TrackEvent("added_to_cart")
  public int addToCart(
      @CustomerId String customerId,
      @AnonymousId String visitorId,
      @Prop("cart_id") String cartId,
      @Prop String sku,
      @Prop int quantity,
      @Prop("unit_price") BigDecimal unitPrice,
      String productName,
      String category) {
    List<LineItem> items = carts.computeIfAbsent(cartId, id -> new ArrayList<>());
    synchronized (items) {
      items.add(new LineItem(sku, productName, quantity, unitPrice, category));
      return items.size();
    }
  }

  public List<LineItem> items(String cartId) {
    List<LineItem> items = carts.getOrDefault(cartId, List.of());
    synchronized (items) {
      return List.copyOf(items);
    }
  }
}
