package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.trackweave.api.internal.EventMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A correct shop service against the shop plan: it compiles cleanly, and its mappers send exactly this. */
class ShopServiceTest {
  private static final long PAID = 1795428930L; // 2026-11-23T10:15:30Z

  @Test
  void correctShopServicePassesAgainstTheShopPlan() {
    Compilation compilation = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.shop.ShopService_confirmPayment_TrackweaveMapper");
  }

  @Test
  void mappersSendExactlyTheCapturedFields() throws Exception {
    Compilation compilation = Harness.compile(Harness.SHOP_PLAN,
        Harness.plus(Harness.shop(), JavaFileObjects.forResource("shop/com/shop/Driver.java")));
    assertThat(compilation).succeeded();
    ClassLoader loader = Harness.load(compilation);
    try (Harness.Recorder recorder = new Harness.Recorder()) {
      loader.loadClass("com.shop.Driver").getMethod("run").invoke(null);
      assertThat(recorder.calls).containsExactly(
          "identify person(id=cust-1, anon=visitor-9) {\"email\":\"ada@example.com\",\"first_name\":\"Ada\","
              + "\"email_opt_in\":true,\"customer_type\":\"registered\",\"created_at\":" + PAID + "}",
          "identify person(id=1001, anon=null) update-only {\"total_orders\":3,\"lifetime_value\":99.50,"
              + "\"last_order_at\":" + (PAID - 3600) + "}",
          "track person(id=cust-1, anon=null) product_viewed {\"sku\":\"SKU-1\",\"category\":\"coffee\","
              + "\"price\":24.5} at=now",
          "track person(-=null, anon=visitor-9) added_to_cart {\"cart_id\":\"cart-1\",\"sku\":\"SKU-1\","
              + "\"quantity\":2,\"unit_price\":24.5} at=now",
          "track person(id=cust-1, anon=null) added_to_cart {\"cart_id\":\"cart-1\",\"sku\":\"SKU-2\","
              + "\"quantity\":1,\"unit_price\":4.5,\"image_url\":\"https://shop.example/p.png\"} at=now",
          "track person(id=cust-1, anon=null) order_completed {\"order_id\":\"ord-1\",\"revenue\":52.50,"
              + "\"currency\":\"GBP\",\"is_first_order\":true,\"items\":["
              + "{\"sku\":\"SKU-1\",\"product_name\":\"House blend\",\"quantity\":2,\"unit_price\":24.00,"
              + "\"category\":\"coffee\"},null,"
              + "{\"sku\":\"SKU-2\",\"product_name\":\"Filters\",\"quantity\":1,\"unit_price\":4.50}]}"
              + " at=" + PAID + " dedupe=ord-1",
          "violation order_completed order_id: required property is null or absent",
          "track person(id=cust-2, anon=null) order_completed {\"revenue\":1,\"currency\":\"EUR\","
              + "\"is_first_order\":false,\"discount_code\":\"WELCOME\",\"items\":[]} at=now",
          "track person(id=cust-1, anon=null) payment_failed {\"payment_id\":\"pay-1\",\"amount\":9.99,"
              + "\"currency\":\"USD\"} at=now",
          "track person(id=cust-1, anon=null) subscription_canceled {\"subscription_id\":\"sub-1\","
              + "\"reason\":\"too_much_inventory\"} at=now",
          "identify person(id=cust-1, anon=null) {\"subscription_status\":\"paused\"}",
          "track person(id=cust-1, anon=null) subscription_paused {\"subscription_id\":\"sub-1\","
              + "\"resume_at\":" + PAID + "} at=now");
    }
  }

  @Test
  void mappersRecordThePlanAndImplementEventMapper() throws Exception {
    Compilation compilation = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    Class<?> mapper = Harness.load(compilation).loadClass("com.shop.ShopService_cancel_TrackweaveMapper");
    assertThat(mapper.getField("PLAN").get(null)).isEqualTo("shop-retention");
    assertThat(mapper.getField("PLAN_VERSION").get(null)).isEqualTo(1);
    assertThat(mapper.getField("EVENT").get(null)).isEqualTo("subscription_canceled");
    EventMapper instance = (EventMapper) mapper.getConstructor().newInstance();
    assertThat(instance.completesAsync()).isTrue();
    assertThat(java.lang.reflect.Modifier.isFinal(mapper.getModifiers())).isTrue();
  }

  @Test
  void indexListsEveryInstrumentedMethodSorted() {
    Compilation compilation = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    String index = Harness.resourceText(compilation, TrackweaveProcessor.INDEX);
    assertThat(index.lines().toList()).containsExactly(
        "# trackweave-index 1",
        "com.shop.ShopService addToCart (Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;IDLjava/util/Optional;)I com.shop.ShopService_addToCart_TrackweaveMapper",
        "com.shop.ShopService cancel (Ljava/lang/String;Ljava/lang/String;Lcom/shop/CancelReason;)Ljava/util/concurrent/CompletionStage; com.shop.ShopService_cancel_TrackweaveMapper",
        "com.shop.ShopService charge (Ljava/lang/String;Ljava/lang/String;Ljava/math/BigDecimal;Lcom/shop/Currency;Ljava/lang/String;)Ljava/lang/String; com.shop.ShopService_charge_TrackweaveMapper",
        "com.shop.ShopService confirmPayment (Lcom/shop/Order;)Lcom/shop/Order; com.shop.ShopService_confirmPayment_TrackweaveMapper",
        "com.shop.ShopService pause (Ljava/lang/String;Ljava/lang/String;Ljava/time/Instant;Ljava/lang/String;)V com.shop.ShopService_pause_TrackweaveMapper",
        "com.shop.ShopService recordOrderStats (JILjava/math/BigDecimal;Ljava/time/OffsetDateTime;)V com.shop.ShopService_recordOrderStats_TrackweaveMapper",
        "com.shop.ShopService register (Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;ZLjava/lang/String;Ljava/time/Instant;)Lcom/shop/Customer; com.shop.ShopService_register_TrackweaveMapper",
        "com.shop.ShopService viewProduct (Ljava/lang/String;Ljava/lang/String;)Lcom/shop/Product; com.shop.ShopService_viewProduct_TrackweaveMapper");
  }

  @Test
  void outputIsTheSameFromOneBuildToTheNext() {
    Compilation first = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    Compilation second = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
    for (String name : List.of(TrackweaveProcessor.INDEX, TrackweaveProcessor.CATALOG_JSON, TrackweaveProcessor.CATALOG_MD)) {
      assertThat(Harness.resourceText(second, name)).isEqualTo(Harness.resourceText(first, name));
    }
  }
}
