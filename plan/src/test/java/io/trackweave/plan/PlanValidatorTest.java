package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PlanValidator shop;

  @BeforeAll
  static void loadShopPlan() throws Exception {
    shop = PlanValidator.of(PlanLoader.load(ShopPlanTest.shopPlan()));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode validOrder() {
    return (ObjectNode) json("{'order_id': 'o-1001', 'revenue': 59.5, 'currency': 'USD', 'is_first_order': true,"
        + " 'discount_code': null, 'items': ["
        + "  {'sku': 'SKU-1', 'product_name': 'Beans', 'quantity': 2, 'unit_price': 12.5, 'category': 'coffee'},"
        + "  {'sku': 'SKU-2', 'product_name': 'Filter', 'quantity': 1, 'unit_price': 34.5,"
        + "   'image_url': 'https://shop.example/i/2.png'}]}");
  }

  private static List<Violation> order(JsonNode properties) {
    return shop.event("order_completed", properties);
  }

  private static Violation onlyViolation(List<Violation> violations) {
    assertThat(violations).hasSize(1);
    return violations.get(0);
  }

  @Test
  void acceptsAValidOrder() {
    assertThat(order(validOrder())).isEmpty();
  }

  @Test
  void acceptsAWholeDoubleForAnInteger() {
    ObjectNode order = validOrder();
    ((ObjectNode) order.get("items").get(0)).put("quantity", 3.0);

    assertThat(order(order)).isEmpty();
  }

  @Test
  void integerRejectsAFraction() {
    ObjectNode order = validOrder();
    ((ObjectNode) order.get("items").get(1)).put("quantity", 1.5);

    Violation v = onlyViolation(order(order));
    assertThat(v.path()).isEqualTo("items[1].quantity");
    assertThat(v.message()).isEqualTo("expected integer, got number 1.5");
  }

  @Test
  void numberAcceptsAnInteger() {
    assertThat(order(validOrder().put("revenue", 60))).isEmpty();
  }

  @Test
  void wrongTypeIsTheOnlyViolationForThatValue() {
    Violation v = onlyViolation(order(validOrder().put("order_id", 1001)));

    assertThat(v).isEqualTo(new Violation("order_id", "expected string, got integer 1001"));
  }

  @Test
  void nullOnlyWhereTheTypeListsIt() {
    assertThat(order(validOrder().putNull("discount_code"))).isEmpty();
    assertThat(onlyViolation(order(validOrder().putNull("currency"))))
        .isEqualTo(new Violation("currency", "expected string, got null"));
  }

  @Test
  void missingRequiredProperty() {
    ObjectNode order = validOrder();
    order.remove("currency");
    ((ObjectNode) order.get("items").get(0)).remove("sku");

    assertThat(order(order)).extracting(Violation::path, Violation::message).containsExactlyInAnyOrder(
        tuple("currency", "is required but missing"), tuple("items[0].sku", "is required but missing"));
  }

  @Test
  void undeclaredPropertyWhenAdditionalPropertiesIsFalse() {
    Violation v = onlyViolation(order(validOrder().put("coupon_code", "X")));

    assertThat(v.path()).isEqualTo("coupon_code");
    assertThat(v.message()).contains("not in the plan");
  }

  @Test
  void undeclaredPropertySuggestsTheClosest() {
    ObjectNode order = validOrder();
    ((ObjectNode) order.get("items").get(0)).put("unitPrice", 1);

    assertThat(order(order)).extracting(Violation::path).containsExactly("items[0].unitPrice");
    assertThat(order(order).get(0).message()).contains("did you mean 'unit_price'?");
  }

  @Test
  void enumComparesJsonValues() {
    Violation v = onlyViolation(order(validOrder().put("currency", "usd")));

    assertThat(v).isEqualTo(new Violation("currency", "must be one of ['USD', 'EUR', 'GBP'], got string 'usd'"));
  }

  @Test
  void minimumIsInclusive() {
    assertThat(order(validOrder().put("revenue", 0))).isEmpty();
    assertThat(order(validOrder().put("revenue", 0.0))).isEmpty();
    Violation v = onlyViolation(order(validOrder().put("revenue", -0.01)));
    assertThat(v).isEqualTo(new Violation("revenue", "must be >= 0 (minimum), got -0.01"));

    ObjectNode order = validOrder();
    ((ObjectNode) order.get("items").get(1)).put("quantity", 0);
    assertThat(onlyViolation(order(order)))
        .isEqualTo(new Violation("items[1].quantity", "must be >= 1 (minimum), got 0"));
  }

  @Test
  void minLengthCountsCodePoints() {
    assertThat(order(validOrder().put("order_id", "\uD83D\uDE00"))).isEmpty();
    assertThat(onlyViolation(order(validOrder().put("order_id", ""))))
        .isEqualTo(new Violation("order_id", "must be at least 1 characters long (minLength), got 0"));
  }

  @Test
  void maxLengthCountsCodePoints() throws Exception {
    PlanValidator v = validator("a: { type: string, maxLength: 2 }");

    assertThat(v.attributes(json("{'a': '\uD83D\uDE00\uD83D\uDE00'}"))).isEmpty();
    assertThat(v.attributes(json("{'a': 'abc'}"))).extracting(Violation::message)
        .containsExactly("must be at most 2 characters long (maxLength), got 3");
  }

  @Test
  void minItems() {
    Violation v = onlyViolation(order(validOrder().set("items", JsonNodeFactory.instance.arrayNode())));

    assertThat(v).isEqualTo(new Violation("items", "must have at least 1 items (minItems), got 0"));
  }

  @Test
  void itemsMustBeObjectsOfTheReferencedDefinition() {
    ObjectNode order = validOrder();
    order.withArray("items").add("SKU-3");

    assertThat(onlyViolation(order(order))).isEqualTo(new Violation("items[2]", "expected object, got string 'SKU-3'"));
  }

  @Test
  void formatUriOnReferencedDefinition() {
    ObjectNode order = validOrder();
    ((ObjectNode) order.get("items").get(1)).put("image_url", "not a uri");

    assertThat(onlyViolation(order(order)).path()).isEqualTo("items[1].image_url");
  }

  @Test
  void patternIsFound() {
    List<Violation> ok = shop.event("checkout_started", json("{'checkout_id': 'c', 'cart_value': 1, "
        + "'currency': 'EUR', 'shipping_country': 'DE', 'items': [{'sku': 's', 'product_name': 'p', 'quantity': 1, "
        + "'unit_price': 1}]}"));
    assertThat(ok).isEmpty();

    List<Violation> bad = shop.event("checkout_started", json("{'checkout_id': 'c', 'cart_value': 1, "
        + "'currency': 'EUR', 'shipping_country': 'Germany', 'items': [{'sku': 's', 'product_name': 'p', "
        + "'quantity': 1, 'unit_price': 1}]}"));
    assertThat(onlyViolation(bad)).isEqualTo(new Violation("shipping_country",
        "must match pattern ^[A-Z]{2}$, got 'Germany'"));
  }

  @Test
  void patternUsesFindNotMatches() throws Exception {
    PlanValidator v = validator("a: { type: string, pattern: \"[0-9]\" }");

    assertThat(v.attributes(json("{'a': 'abc1def'}"))).isEmpty();
    assertThat(v.attributes(json("{'a': 'abc'}"))).hasSize(1);
  }

  @Test
  void unknownEventIsOneViolation() {
    Violation v = onlyViolation(shop.event("order_complete", validOrder()));

    assertThat(v.path()).isEmpty();
    assertThat(v.message()).contains("unknown event 'order_complete'", "did you mean 'order_completed'?");
  }

  @Test
  void nullPropertiesAreAnEmptyObject() {
    assertThat(shop.event("order_completed", null)).hasSize(5)
        .allSatisfy(v -> assertThat(v.message()).isEqualTo("is required but missing"));
  }

  @Test
  void propertiesMustBeAnObject() {
    assertThat(onlyViolation(shop.event("order_completed", json("[1]"))))
        .isEqualTo(new Violation("", "expected object, got array"));
  }

  @Test
  void reportsEveryViolationInOneCall() {
    ObjectNode order = validOrder().put("revenue", "59.50").put("currency", "JPY").put("extra", 1);
    order.remove("order_id");
    ((ObjectNode) order.get("items").get(0)).put("quantity", -1).put("unit_price", "12");

    assertThat(order(order)).extracting(Violation::path).containsExactlyInAnyOrder("order_id", "revenue",
        "currency", "extra", "items[0].quantity", "items[0].unit_price");
  }

  @Test
  void validAttributes() {
    JsonNode attributes = json("{'email': 'ana@shop.example', 'phone': '+4915112345678', 'first_name': 'Ana',"
        + " 'customer_type': 'vip', 'sms_opt_in': true, 'total_orders': 0, 'last_order_at': 1767225600,"
        + " 'lifetime_value': 12.5, 'created_at': 1767225600.0}");

    assertThat(shop.attributes(attributes)).isEmpty();
    assertThat(shop.attributes(null)).isEmpty();
  }

  @Test
  void attributeViolations() {
    JsonNode attributes = json("{'email': 'ana at shop', 'phone': '015112345678', 'total_orders': -1,"
        + " 'last_order_at': 1767225600000, 'created_at': '2026-01-01', 'nickname': 'a', 'is_vip': 'yes'}");

    assertThat(shop.attributes(attributes)).extracting(Violation::path).containsExactly("email", "phone",
        "total_orders", "last_order_at", "created_at", "nickname", "is_vip");
    List<Violation> violations = shop.attributes(attributes);
    assertThat(violations.get(0).message()).contains("not a valid email");
    assertThat(violations.get(3).message()).contains("looks like milliseconds");
    assertThat(violations.get(5).message()).contains("not an attribute");
  }

  @Test
  void attributesMustBeAnObject() {
    assertThat(onlyViolation(shop.attributes(json("[]"))).message()).contains("must be a JSON object");
  }

  @Test
  void constAndNumericEnumCompareByValue() throws Exception {
    PlanValidator v = validator("a: { const: 1 }\n  b: { enum: [1.5, 2, x, null, false] }\n  c: { const: null }\n"
        + "  d: { type: number, maximum: 0.1 }");

    assertThat(v.attributes(json("{'a': 1.0, 'b': 2.0, 'c': null, 'd': 0.1}"))).isEmpty();
    assertThat(v.attributes(json("{'b': 1.5}"))).isEmpty();
    assertThat(v.attributes(json("{'b': null}"))).isEmpty();
    assertThat(v.attributes(json("{'b': false}"))).isEmpty();
    assertThat(v.attributes(json("{'a': 2, 'b': true, 'c': 0, 'd': 0.11}"))).extracting(Violation::path, Violation::message)
        .containsExactly(tuple("a", "must be 1, got integer 2"),
            tuple("b", "must be one of [1.5, 2, 'x', null, false], got boolean true"),
            tuple("c", "must be null, got integer 0"),
            tuple("d", "must be <= 0.1 (maximum), got 0.11"));
    assertThat(v.attributes(JsonNodeFactory.instance.objectNode().put("b", new BigDecimal("2.000")))).isEmpty();
    assertThat(v.attributes(JsonNodeFactory.instance.objectNode().put("b", new BigDecimal("1.50")))).isEmpty();
  }

  @Test
  void dateAndDateTimeFormats() throws Exception {
    PlanValidator v = validator("d: { type: string, format: date }\n  t: { type: string, format: date-time }");

    assertThat(v.attributes(json("{'d': '2026-02-28', 't': '2026-02-28T10:15:30Z'}"))).isEmpty();
    assertThat(v.attributes(json("{'d': '2026-02-30', 't': '2026-02-28 10:15'}"))).extracting(Violation::path)
        .containsExactly("d", "t");
  }

  @Test
  void untypedSchemaAcceptsAnything() throws Exception {
    PlanValidator v = validator("a: {}");

    assertThat(v.attributes(json("{'a': {'x': [1, null]}}"))).isEmpty();
  }

  @Test
  void validatorIsReusableAndSharesNothingBetweenCalls() {
    assertThat(order(validOrder().put("currency", "JPY"))).hasSize(1);
    assertThat(order(validOrder())).isEmpty();
    assertThat(order(validOrder().put("currency", "JPY"))).hasSize(1);
  }

  @Test
  void handBuiltPlanWithoutSchemasAcceptsAnything() {
    TrackingPlan plan = new TrackingPlan("p", 1, "id", java.util.Map.of(),
        java.util.Map.of("ping", new EventDefinition("ping", null, null, null)), java.util.Map.of(), "code");

    assertThat(PlanValidator.of(plan).event("ping", json("{'x': 1}"))).isEmpty();
  }

  private static PlanValidator validator(String attributes) throws PlanException {
    return PlanValidator.of(PlanLoader.parse("plan: p\nversion: 1\nidentifier: id\nattributes:\n  " + attributes
        + "\nevents: {}\n", "test.yaml"));
  }
}
