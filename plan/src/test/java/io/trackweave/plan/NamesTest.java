package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"order_id", "a", "line_item2", "address_2", "unit_price_usd", "x1_y2_z3"})
  void snakeCase(String name) {
    assertThat(Names.isSnakeCase(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "orderId", "Order_id", "_order", "order_", "order__id", "2fa", "order-id", "order id",
      "ördér", "ORDER"})
  void notSnakeCase(String name) {
    assertThat(Names.isSnakeCase(name)).isFalse();
  }

  @Test
  void nullIsNotSnakeCase() {
    assertThat(Names.isSnakeCase(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "orderId, order_id",
      "unitPriceUSD, unit_price_usd",
      "URL, url",
      "HTTPServerError, http_server_error",
      "imageURLs, image_urls",
      "line2Total, line2_total",
      "order_id, order_id",
      "OrderId, order_id",
      "sku, sku",
      "is-first-order, is_first_order",
      "_leading__double_, leading_double",
      "x, x",
      "productIDs, product_ids",
      "HTTPStatus, http_status",
  })
  void toSnakeCase(String in, String out) {
    assertThat(Names.toSnakeCase(in)).isEqualTo(out);
    assertThat(Names.isSnakeCase(out)).isTrue();
  }

  @Test
  void closestFindsTyposTranspositionsAndCamelCase() {
    List<String> events = List.of("order_completed", "order_refunded", "checkout_started", "added_to_cart");

    assertThat(Names.closest("order_complete", events)).isEqualTo("order_completed");
    assertThat(Names.closest("ordre_completed", events)).isEqualTo("order_completed");
    assertThat(Names.closest("orderCompleted", events)).isEqualTo("order_completed");
    assertThat(Names.closest("ORDER_REFUNDED", events)).isEqualTo("order_refunded");
    assertThat(Names.closest("checkout_started", events)).isEqualTo("checkout_started");
  }

  @Test
  void closestIsNullWhenNothingIsClose() {
    assertThat(Names.closest("payment_failed", List.of("order_completed", "added_to_cart"))).isNull();
    assertThat(Names.closest("id", List.of("sku"))).isNull();
    assertThat(Names.closest("x", List.of())).isNull();
    assertThat(Names.closest(null, List.of("x"))).isNull();
  }

  @Test
  void closestPrefersTheSmallestDistance() {
    assertThat(Names.closest("minLenght", List.of("maxLength", "minLength"))).isEqualTo("minLength");
    assertThat(Names.closest("sku", List.of("skus", "sku"))).isEqualTo("sku");
  }

  @Test
  void distanceCountsATranspositionAsOneEdit() {
    assertThat(Names.distance("ab", "ba")).isEqualTo(1);
    assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Names.distance("", "abc")).isEqualTo(3);
  }
}
