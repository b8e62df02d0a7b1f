package io.trackweave.agent.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void snakeCase() {
    assertThat(Names.snakeCase("orderId")).isEqualTo("order_id");
    assertThat(Names.snakeCase("smsOptIn")).isEqualTo("sms_opt_in");
    assertThat(Names.snakeCase("URLValue")).isEqualTo("url_value");
    assertThat(Names.snakeCase("line2Total")).isEqualTo("line2_total");
    assertThat(Names.snakeCase("email")).isEqualTo("email");
  }
}
