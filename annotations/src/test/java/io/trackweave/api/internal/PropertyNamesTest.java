package io.trackweave.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PropertyNamesTest {

  @ParameterizedTest
  @CsvSource({
    "orderId, order_id",
    "unitPriceUSD, unit_price_usd",
    "URL, url",
    "HTTPServerError, http_server_error",
    "line2Total, line2_total",
    "imageURLs, image_urls",
    "userIDs, user_ids",
    "isFirstOrder, is_first_order",
    "order_id, order_id",
    "shipping-country, shipping_country",
    "_leading, leading",
    "a, a",
  })
  void snakeCaseSpellsJavaNamesAsPlansDo(String java, String plan) {
    assertThat(PropertyNames.snakeCase(java)).isEqualTo(plan);
  }

  @ParameterizedTest
  @CsvSource({
    "getOrderId, false, false, orderId",
    "getURL, false, false, URL",
    "isActive, true, false, active",
    "isActive, false, false, ",
    "getClass, false, false, ",
    "getfoo, false, false, ",
    "getThing, false, true, ",
    "get, false, false, ",
    "orderId, false, false, ",
  })
  void accessorPropertyFollowsTheBeanRule(String method, boolean bool, boolean isVoid, String property) {
    assertThat(PropertyNames.accessorProperty(method, bool, isVoid)).isEqualTo(property);
  }
}
