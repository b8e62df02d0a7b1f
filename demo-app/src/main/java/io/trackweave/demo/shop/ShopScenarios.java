package io.trackweave.demo.shop;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo shop's business flows, driven the way real traffic would drive them. Nothing here
 * mentions tracking: the annotations on the services are the whole integration, and the agent (or
 * build-time weaving) does the rest.
 */
public final class ShopScenarios {
  /** The shop's "now", to the second: orders, registrations and pauses are stamped with it. */
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private final CatalogService catalog;
  private final CartService carts = new CartService();
  private final CheckoutService checkout = new CheckoutService();
  private final PaymentService payments = new PaymentService(Set.of("4000-0000-0000-0002"));
  private final RefundService refunds = new RefundService();
  private final SubscriptionService subscriptions = new SubscriptionService();
  private final AccountService accounts = new AccountService();
  private final PrintStream out;

  public ShopScenarios(PrintStream out) {
    this.out = out;
    this.catalog =
        new CatalogService(
            Map.of(
                "SKU-COFFEE-1KG",
                new Product("SKU-COFFEE-1KG", "House blend 1 kg", "coffee", new BigDecimal("24.00")),
                "SKU-FILTER-100",
                new Product("SKU-FILTER-100", "Paper filters x100", "accessories", new BigDecimal("4.50")),
                "SKU-GRINDER",
                new Product("SKU-GRINDER", "Burr grinder", "equipment", new BigDecimal("89.00"))));
  }

  public static void main(String[] args) throws Exception {
    new ShopScenarios(System.out).runAll();
  }

  public void runAll() {
    out.println("shop clock " + NOW);
    registrationWithConsent();
    cartRecovery();
    refund();
    retriedPaymentConfirmation();
    guestWhoRegistersLater();
    declinedPayment();
    subscriptionLifecycle();
  }

  /** Ada registers and opts in to email only. */
  void registrationWithConsent() {
    accounts.register("cust-1001", null, "ada@example.com", "Ada", true, false, "registered", NOW);
    out.println("registered cust-1001 (email opt-in, no sms)");
  }

  /** Ada browses, fills a cart, starts checkout, and pays: cart recovery enrols, then exits. */
  void cartRecovery() {
    Product coffee = catalog.viewProduct("cust-1001", "SKU-COFFEE-1KG");
    carts.addToCart("cust-1001", null, "cart-1001", coffee.sku(), 2, coffee.price(), coffee.name(), coffee.category());
    Product filters = catalog.product("SKU-FILTER-100");
    carts.addToCart("cust-1001", null, "cart-1001", filters.sku(), 1, filters.price(), filters.name(), filters.category());
    List<LineItem> items = carts.items("cart-1001");
    Checkout started = checkout.startCheckout("cust-1001", "chk-1001", items, Currency.GBP);
    Order order =
        new Order("cust-1001", "ord-1001", started.cartValue(), Currency.GBP, true, null, items, NOW);
    payments.confirmPayment(order);
    accounts.recordOrderStats("cust-1001", 1, started.cartValue(), NOW);
    out.println("cart recovery: cust-1001 checkout chk-1001 -> order ord-1001 (" + started.cartValue() + " GBP)");
  }

  /**
   * The provider's webhook for ord-1002 arrives three times; Customer.io must count one purchase, and enrol
   * Ada in post-purchase once.
   */
  void retriedPaymentConfirmation() {
    List<LineItem> items =
        List.of(new LineItem("SKU-GRINDER", "Burr grinder", 1, new BigDecimal("89.00"), "equipment"));
    Order order =
        new Order("cust-1001", "ord-1002", new BigDecimal("79.00"), Currency.GBP, false, "WELCOME10", items, NOW);
    for (int attempt = 0; attempt < 3; attempt++) {
      payments.confirmPayment(order);
    }
    out.println("payment webhook for ord-1002 delivered 3 times (tracked once)");
  }

  /** A guest fills a cart, then registers: their anonymous history becomes Grace's. */
  void guestWhoRegistersLater() {
    Product grinder = catalog.product("SKU-GRINDER");
    carts.addToCart(null, "visitor-7f3a", "cart-7f3a", grinder.sku(), 1, grinder.price(), grinder.name(), grinder.category());
    accounts.register("cust-1002", "visitor-7f3a", "grace@example.com", "Grace", true, true, "registered", NOW);
    checkout.startCheckout("cust-1002", "chk-1002", carts.items("cart-7f3a"), Currency.GBP);
    out.println("guest visitor-7f3a added to cart, registered as cust-1002, started checkout chk-1002 and left");
  }

  /**
   * Linus (no marketing consent) starts checkout and his card is declined: payment_failed is tracked and the
   * decline still reaches the caller; cart recovery may not email him.
   */
  void declinedPayment() {
    accounts.register("cust-1003", null, "linus@example.com", "Linus", false, false, "registered", NOW);
    Product coffee = catalog.product("SKU-COFFEE-1KG");
    checkout.startCheckout("cust-1003", "chk-1003",
        List.of(new LineItem(coffee.sku(), coffee.name(), 1, coffee.price(), coffee.category())), Currency.EUR);
    try {
      payments.charge("cust-1003", "pay-1003", new BigDecimal("24.00"), Currency.EUR, "4000-0000-0000-0002");
      throw new IllegalStateException("the test card should have been declined");
    } catch (PaymentDeclinedException expected) {
      out.println("payment pay-1003 for cust-1003 declined: " + expected.declineCode());
    }
  }

  /** Ada returns the filters: the refund ends her post-purchase journey for that order. */
  void refund() {
    refunds.refund(
        "cust-1001",
        new Refund("ref-1001", "ord-1001", new BigDecimal("4.50"), Currency.GBP, "damaged"));
    out.println("refund ref-1001 issued on ord-1001");
  }

  /** Ada subscribes to coffee, pauses, and finally cancels because of price. */
  void subscriptionLifecycle() {
    subscriptions.create("cust-1001", new Subscription("sub-1001", "coffee-monthly", 30));
    subscriptions.pause("cust-1001", "sub-1001", NOW.plusSeconds(30L * 24 * 3600));
    subscriptions.cancel("cust-1001", "sub-1001", CancelReason.price);
    out.println("subscription sub-1001 created, paused, canceled (price)");
  }
}
