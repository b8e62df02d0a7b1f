package io.trackweave.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.runtime.FsyncPolicy;
import io.trackweave.runtime.Region;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A setting's text (from any source) and a typed value (from a builder setter) pass the same rules: the
 * text's own error names the bad text, the value's names the setting.
 */
class SettingTest {
  @Test
  void textParsesToTheSettingsType() {
    assertThat(Setting.QUEUE_MAX_BYTES.parse("32m")).isEqualTo(32L * 1024 * 1024);
    assertThat(Setting.FLUSH_INTERVAL.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Setting.RETRY_MAX_TIME.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Setting.SENDERS.parse(" 4 ")).isEqualTo(4);
    assertThat(Setting.RATE_LIMIT.parse("2.5")).isEqualTo(2.5);
    assertThat(Setting.GZIP.parse("yes")).isEqualTo(true);
    assertThat(Setting.REGION.parse("eu")).isEqualTo(Region.EU);
    assertThat(Setting.SPOOL_FSYNC.parse("always")).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(Setting.PIPELINES_UPDATE_ONLY.parse("Reject")).isEqualTo(true);
    assertThat(Setting.BACKFILL_TRIGGER_EVENTS.parse("a, b,,a")).isEqualTo(Set.of("a", "b"));
    assertThat(Setting.SITE_ID.parse("  site  ")).isEqualTo("site");
    assertThat(Setting.NAME.parse("   ")).isEqualTo("default");
    assertThat(Setting.SHUTDOWN_TIMEOUT.parse("0")).as("a zero deadline is allowed").isEqualTo(Duration.ZERO);
  }

  @Test
  void badTextIsNamedWithWhatWouldDo() {
    assertThatThrownBy(() -> Setting.SENDERS.parse("many")).hasMessage("not a whole number: 'many'");
    assertThatThrownBy(() -> Setting.SENDERS.parse("0")).hasMessage("out of range: '0'");
    assertThatThrownBy(() -> Setting.FLUSH_INTERVAL.parse("soon")).hasMessageContaining("not a duration: 'soon'");
    assertThatThrownBy(() -> Setting.FLUSH_INTERVAL.parse("0")).hasMessage("flush.interval must be positive");
    assertThatThrownBy(() -> Setting.QUEUE_MAX_BYTES.parse("0")).hasMessage("queue.max.bytes must be positive");
    assertThatThrownBy(() -> Setting.SPOOL_MAX_BYTES.parse("512k")).hasMessage("spool.max.bytes must be at least 1m");
    assertThatThrownBy(() -> Setting.PIPELINES_UPDATE_ONLY.parse(" create "))
        .hasMessage("unknown value 'create': use identify or reject");
    assertThatThrownBy(() -> Setting.ENDPOINT.parse("track.customer.io/x?y")).hasMessageContaining("is not a URL");
    assertThatThrownBy(() -> Setting.KAFKA_TOPIC.parse("no spaces"))
        .hasMessageContaining("kafka.topic 'no spaces' is not a valid Kafka name");
    assertThatThrownBy(() -> Setting.GZIP.parse("maybe")).hasMessageContaining("not a boolean: 'maybe'");
  }

  @Test
  void typedValuesPassTheSameRulesNamingTheSetting() {
    assertThatThrownBy(() -> Setting.SENDERS.check(0)).hasMessage("senders must be positive");
    assertThatThrownBy(() -> Setting.RETRY_MAX_ATTEMPTS.check(-1))
        .hasMessage("retry.max.attempts must be 0 (no limit) or positive");
    assertThatThrownBy(() -> Setting.RATE_LIMIT.check(Double.POSITIVE_INFINITY))
        .hasMessage("rate.limit must be a positive number");
    assertThatThrownBy(() -> Setting.CALL_TIMEOUT.check(Duration.ZERO)).hasMessage("call.timeout must be positive");
    assertThatThrownBy(() -> Setting.REGION.check(null)).isInstanceOf(NullPointerException.class).hasMessage("region");
    assertThat(Setting.BATCH_MAX_BYTES.check(10_000_000)).as("capped at Customer.io's limit").isEqualTo(500_000);
    assertThat(Setting.BATCH_MAX_BYTES.parse("1g")).isEqualTo(500_000);
    assertThat(Setting.ENDPOINT.check("  ")).as("blank clears").isNull();
    assertThat(Setting.BACKFILL_TRIGGER_EVENTS.check(List.of("x"))).isEqualTo(Set.of("x"));
  }

  @Test
  void onlyTheCredentialsAreSecret() {
    assertThat(Arrays.stream(Setting.values()).filter(Setting::isSecret))
        .containsExactlyInAnyOrder(Setting.API_KEY, Setting.PIPELINES_API_KEY);
  }
}
