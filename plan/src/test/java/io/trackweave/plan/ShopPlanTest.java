package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopPlanTest {
  static Path shopPlan() throws URISyntaxException {
    return Path.of(ShopPlanTest.class.getResource("/shop-tracking-plan.yaml").toURI());
  }

  @Test
  void loadsTheShopPlanFully() throws Exception {
    TrackingPlan plan = PlanLoader.load(shopPlan());

    assertThat(plan.name()).isEqualTo("shop-retention");
    assertThat(plan.version()).isEqualTo(1);
    assertThat(plan.identifier()).isEqualTo("id");
    assertThat(plan.source()).endsWith("shop-tracking-plan.yaml");
    assertThat(plan.events()).containsOnlyKeys("product_viewed", "added_to_cart", "checkout_started",
        "order_completed", "order_refunded", "subscription_created", "subscription_paused", "subscription_canceled",
        "payment_failed");
    assertThat(plan.events().keySet()).startsWith("product_viewed", "added_to_cart", "checkout_started");
    assertThat(plan.attributes()).hasSize(12).containsKeys("email", "phone", "last_order_at", "created_at");
    assertThat(plan.defs()).containsOnlyKeys("line_item");
  }

  @Test
  void readsDedupeAndDescriptions() throws Exception {
    TrackingPlan plan = PlanLoader.load(shopPlan());

    assertThat(plan.event("order_completed").dedupe()).isEqualTo("order_id");
    assertThat(plan.event("order_refunded").dedupe()).isEqualTo("refund_id");
    assertThat(plan.event("subscription_created").dedupe()).isEqualTo("subscription_id");
    assertThat(plan.event("product_viewed").dedupe()).isNull();
    assertThat(plan.event("order_completed").description()).startsWith("Payment confirmed by the backend");
    assertThat(plan.event("no_such_event")).isNull();
  }

  @Test
  void readsEveryKeywordOfOrderCompleted() throws Exception {
    TrackingPlan plan = PlanLoader.load(shopPlan());
    Schema schema = plan.event("order_completed").schema();

    assertThat(schema.types()).containsExactly(JsonType.OBJECT);
    assertThat(schema.required()).containsExactly("order_id", "revenue", "currency", "items", "is_first_order");
    assertThat(schema.additionalProperties()).isFalse();
    assertThat(schema.allowsAdditionalProperties()).isFalse();
    assertThat(schema.properties().keySet())
        .containsExactly("order_id", "revenue", "currency", "is_first_order", "discount_code", "items");
    assertThat(schema.pointer()).isEqualTo("events.order_completed.schema");

    Schema orderId = schema.properties().get("order_id");
    assertThat(orderId.types()).containsExactly(JsonType.STRING);
    assertThat(orderId.minLength()).isEqualTo(1);
    assertThat(orderId.pointer()).isEqualTo("events.order_completed.schema.properties.order_id");

    assertThat(schema.properties().get("revenue").minimum()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(schema.properties().get("currency").enumValues()).containsExactly("USD", "EUR", "GBP");
    assertThat(schema.properties().get("discount_code").types()).isEqualTo(Set.of(JsonType.STRING, JsonType.NULL));
    assertThat(schema.properties().get("discount_code").nullable()).isTrue();

    Schema items = schema.properties().get("items");
    assertThat(items.types()).containsExactly(JsonType.ARRAY);
    assertThat(items.minItems()).isEqualTo(1);
    assertThat(items.items().ref()).isEqualTo("#/$defs/line_item");
  }

  @Test
  void resolvesReferencesToDefs() throws Exception {
    TrackingPlan plan = PlanLoader.load(shopPlan());
    Schema itemRef = plan.event("checkout_started").schema().properties().get("items").items();

    Schema lineItem = plan.resolve(itemRef);

    assertThat(lineItem).isSameAs(plan.defs().get("line_item"));
    assertThat(lineItem.ref()).isNull();
    assertThat(lineItem.required()).containsExactly("sku", "product_name", "quantity", "unit_price");
    assertThat(lineItem.properties().get("quantity").types()).containsExactly(JsonType.INTEGER);
    assertThat(lineItem.properties().get("quantity").minimum()).isEqualByComparingTo("1");
    assertThat(lineItem.properties().get("image_url").format()).isEqualTo("uri");
    assertThat(plan.resolve(lineItem)).isSameAs(lineItem);
  }

  @Test
  void readsAttributes() throws Exception {
    TrackingPlan plan = PlanLoader.load(shopPlan());

    assertThat(plan.attributes().get("email").format()).isEqualTo("email");
    assertThat(plan.attributes().get("phone").pattern()).isEqualTo("^\\+[1-9][0-9]{6,14}$");
    assertThat(plan.attributes().get("first_name").maxLength()).isEqualTo(100);
    assertThat(plan.attributes().get("customer_type").enumValues()).containsExactly("guest", "registered", "vip");
    assertThat(plan.attributes().get("last_order_at").types()).containsExactly(JsonType.INTEGER);
    assertThat(plan.attributes().get("last_order_at").format()).isEqualTo("unix-time");
    assertThat(plan.attributes().get("sms_opt_in").types()).containsExactly(JsonType.BOOLEAN);
    assertThat(plan.attributes().get("email").pointer()).isEqualTo("attributes.email");
  }
}
