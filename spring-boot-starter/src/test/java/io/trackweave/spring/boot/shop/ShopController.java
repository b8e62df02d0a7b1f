package io.trackweave.spring.boot.shop;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShopController {
  private final Orders orders;
  private final Customers customers;

  public ShopController(Orders orders, Customers customers) {
    this.orders = orders;
    this.customers = customers;
  }

  @PostMapping("/customers/{id}")
  public String register(@PathVariable String id, @RequestParam String email) {
    customers.register(id, email);
    return id;
  }

  @PostMapping("/customers/{id}/orders/{order}")
  public String complete(@PathVariable String id, @PathVariable String order, @RequestParam double total) {
    return orders.complete(id, order, total);
  }

  @PostMapping("/customers/{id}/orders/{order}/internal")
  public String completeInternally(@PathVariable String id, @PathVariable String order, @RequestParam double total) {
    return orders.completeInternally(id, order, total);
  }
}
