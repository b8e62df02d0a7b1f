package com.shop;

import io.trackweave.api.internal.MapperDispatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Calls the generated mappers the two ways they are reached: woven dispatch, and the typed static methods. */
public final class Driver {
  static final Instant PAID = Instant.parse("2026-11-23T10:15:30Z");

  public static void run() {
    ShopService shop = new ShopService();
    // woven path: MapperDispatch with the erased arguments, as the agent's advice calls it
    Customer c = shop.register("cust-1", "visitor-9", "ada@example.com", "Ada", true, "registered", PAID);
    MapperDispatch.exit(ShopService_register_TrackweaveMapper.class,
        new Object[] {"cust-1", "visitor-9", "ada@example.com", "Ada", true, "registered", PAID}, c, null);

    ShopService_recordOrderStats_TrackweaveMapper.afterReturn(
        1001L, 3, new BigDecimal("99.50"), OffsetDateTime.of(2026, 11, 23, 10, 15, 30, 0, ZoneOffset.ofHours(1)));

    Product p = shop.viewProduct("cust-1", "SKU-1");
    ShopService_viewProduct_TrackweaveMapper.afterReturn("cust-1", "SKU-1", p);

    // a guest: only the anonymous id, so the event is anonymous
    ShopService_addToCart_TrackweaveMapper.afterReturn(
        null, "visitor-9", "cart-1", "SKU-1", 2, 24.5, Optional.empty(), 1);
    ShopService_addToCart_TrackweaveMapper.afterReturn(
        "cust-1", null, "cart-1", "SKU-2", 1, 4.5, Optional.of("https://shop.example/p.png"), 2);

    List<LineItem> items = Arrays.asList(
        new LineItem("SKU-1", "House blend", 2, new BigDecimal("24.00"), "coffee"),
        null,
        new LineItem("SKU-2", "Filters", 1, new BigDecimal("4.50"), null));
    Order order = new Order("cust-1", "ord-1", new BigDecimal("52.50"), Currency.GBP, true, null, items, PAID);
    MapperDispatch.exit(ShopService_confirmPayment_TrackweaveMapper.class, new Object[] {order}, order, null);

    // a null required property: still sent, and the violation is reported
    Order broken = new Order("cust-2", null, new BigDecimal("1"), Currency.EUR, false, "WELCOME", List.of(), null);
    ShopService_confirmPayment_TrackweaveMapper.afterReturn(broken, broken);

    // fires on throw only
    MapperDispatch.exit(ShopService_charge_TrackweaveMapper.class,
        new Object[] {"cust-1", "pay-1", new BigDecimal("9.99"), Currency.USD, "4000"}, "auth", null);
    MapperDispatch.exit(ShopService_charge_TrackweaveMapper.class,
        new Object[] {"cust-1", "pay-1", new BigDecimal("9.99"), Currency.USD, "4000"}, null,
        new PaymentDeclinedException("insufficient_funds"));

    // a CompletionStage: fires when it completes
    CompletableFuture<String> pending = new CompletableFuture<>();
    MapperDispatch.exit(ShopService_cancel_TrackweaveMapper.class,
        new Object[] {"cust-1", "sub-1", CancelReason.too_much_inventory}, pending, null);
    pending.complete("canceled");

    // identify first, then track
    MapperDispatch.exit(ShopService_pause_TrackweaveMapper.class,
        new Object[] {"cust-1", "sub-1", PAID, "paused"}, null, null);
  }
}
