package io.trackweave.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog: every event and attribute, where it fires, and its properties. */
class CatalogTest {
  private static Compilation compilation;

  @BeforeAll
  static void compileShop() {
    compilation = Harness.compile(Harness.SHOP_PLAN, Harness.shop());
  }

  @Test
  void jsonListsEveryPlanEventWithWhereItFiresAndItsProperties() throws Exception {
    String text = Harness.resourceText(compilation, TrackweaveProcessor.CATALOG_JSON);
    JsonNode catalog = new ObjectMapper().readTree(text);
    assertThat(catalog.get("plan").asText()).isEqualTo("shop-retention");
    assertThat(catalog.get("version").asInt()).isEqualTo(1);
    assertThat(catalog.get("events")).extracting(e -> e.get("name").asText()).containsExactly(
        "added_to_cart", "checkout_started", "order_completed", "order_refunded", "payment_failed",
        "product_viewed", "subscription_canceled", "subscription_created", "subscription_paused");
    JsonNode order = catalog.get("events").get(2);
    assertThat(order.get("dedupe").asText()).isEqualTo("order_id");
    JsonNode fire = order.get("fires").get(0);
    assertThat(fire.get("where").asText()).isEqualTo("com.shop.ShopService#confirmPayment");
    assertThat(fire.get("on").asText()).isEqualTo("RETURN");
    assertThat(fire.get("mapper").asText()).isEqualTo("com.shop.ShopService_confirmPayment_TrackweaveMapper");
    assertThat(fire.get("properties")).extracting(p -> p.get("name").asText() + ":" + p.get("type").asText()
            + (p.get("required").asBoolean() ? "!" : ""))
        .containsExactly("order_id:string!", "revenue:number!", "currency:string!", "is_first_order:boolean!",
            "discount_code:string", "items:array!");
    assertThat(catalog.get("events").get(1).get("fires")).isEmpty(); // checkout_started: nobody fires it
    JsonNode email = catalog.get("attributes").get(2);
    assertThat(catalog.get("attributes")).extracting(a -> a.get("name").asText()).startsWith(
        "created_at", "customer_type", "email");
    assertThat(email.get("set_by").get(0).get("where").asText()).isEqualTo("com.shop.ShopService#register");
    assertThat(catalog.get("identifies")).extracting(i -> i.get("where").asText() + " " + i.get("update_only")
            + " " + i.get("attributes").size())
        .containsExactly("com.shop.ShopService#pause false 1", "com.shop.ShopService#recordOrderStats true 3",
            "com.shop.ShopService#register false 5");
  }

  @Test
  void markdownIsForPeople() {
    String md = Harness.resourceText(compilation, TrackweaveProcessor.CATALOG_MD);
    assertThat(md).contains("Tracking plan `shop-retention` version 1");
    assertThat(md).contains("### order_completed\n\nPayment confirmed by the backend");
    assertThat(md).contains("Fires from `com.shop.ShopService#confirmPayment` on RETURN.");
    assertThat(md).contains("| order_id | string | yes | component 'orderId' of Order |");
    assertThat(md).contains("### checkout_started");
    assertThat(md).contains("Not fired by any annotated method.");
    assertThat(md).contains("- `com.shop.ShopService#recordOrderStats` on RETURN, update only: `total_orders`,"
        + " `lifetime_value`, `last_order_at`\n");
    assertThat(md).contains("| total_orders | integer | `com.shop.ShopService#recordOrderStats` (update only) |");
  }

  @Test
  void eachJourneyIsLinkedToTheCodeThatTriggersQualifiesAndExitsIt() throws Exception {
    Compilation withJourneys = Harness.compile("plans/journeys-plan.yaml", Harness.shop());
    com.google.testing.compile.CompilationSubject.assertThat(withJourneys).succeeded();
    JsonNode catalog = new ObjectMapper().readTree(Harness.resourceText(withJourneys, TrackweaveProcessor.CATALOG_JSON));
    JsonNode cart = catalog.get("journeys").get(0);
    assertThat(cart.get("name").asText()).isEqualTo("cart_recovery");
    assertThat(cart.get("trigger").get("event").asText()).isEqualTo("checkout_started");
    assertThat(cart.get("trigger").get("fired_by")).isEmpty(); // no shop method fires it: the catalog says so
    assertThat(cart.get("exits").get(0).get("event").asText()).isEqualTo("order_completed");
    assertThat(cart.get("exits").get(0).get("fired_by")).extracting(JsonNode::asText)
        .containsExactly("com.shop.ShopService#confirmPayment");
    assertThat(cart.get("segment").get("name").asText()).isEqualTo("emailable");
    assertThat(cart.get("segment").get("attributes")).extracting(a -> a.get("name").asText() + " <- "
        + a.get("set_by").toString()).containsExactly(
            "email <- [\"com.shop.ShopService#register\"]", "email_opt_in <- [\"com.shop.ShopService#register\"]");

    String md = Harness.resourceText(withJourneys, TrackweaveProcessor.CATALOG_MD);
    assertThat(md).contains("## Journeys\n\n### cart_recovery\n")
        .contains("- enters on `checkout_started`, fired by no annotated method\n")
        .contains("- exits on `order_completed`, fired by `com.shop.ShopService#confirmPayment`\n");
    // without journeys in the plan the list is there, and empty
    JsonNode plain = new ObjectMapper().readTree(Harness.resourceText(compilation, TrackweaveProcessor.CATALOG_JSON));
    assertThat(plain.get("journeys")).isEmpty();
  }
}
