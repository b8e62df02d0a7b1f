package com.example.shop;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShopController {
  /** The JSON body of an order (read and written by Boot's own Jackson). */
  public record OrderRequest(String orderId, double total) {}

  public record OrderConfirmation(String customerId, String orderId, String status) {}

  private final Checkout checkout;

  public ShopController(Checkout checkout) {
    this.checkout = checkout;
  }

  @PostMapping("/customers/{id}")
  public void register(@PathVariable String id, @RequestBody String email) {
    checkout.register(id, email);
  }

  @PostMapping("/customers/{id}/orders")
  public OrderConfirmation order(@PathVariable String id, @RequestBody OrderRequest order) {
    return new OrderConfirmation(id, checkout.complete(id, order.orderId(), order.total()), "completed");
  }
}
