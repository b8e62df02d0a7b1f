package io.trackweave.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.internal.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A setting's default exists once, in {@link Setting} (as the text docs/configuration.md shows, which
 * SettingDocsTest holds to the page): what a config built from no source at all answers through its public
 * accessors is, for every setting, that text parsed. A default changed in one place and not the other, or
 * a setting without an accessor here, fails.
 */
class SettingDefaultsTest {
  /** Each setting as a config answers it, in the setting's own form (retry.max.attempts 0 is "no limit"). */
  private static final Map<Setting, Function<TrackweaveConfig, Object>> READ = new EnumMap<>(Setting.class);

  static {
    READ.put(Setting.SITE_ID, TrackweaveConfig::siteId);
    READ.put(Setting.API_KEY, TrackweaveConfig::apiKey);
    READ.put(Setting.PIPELINES_API_KEY, TrackweaveConfig::pipelinesApiKey);
    READ.put(Setting.PIPELINES_UPDATE_ONLY, TrackweaveConfig::pipelinesRejectUpdateOnly);
    READ.put(Setting.REGION, TrackweaveConfig::region);
    READ.put(Setting.ENDPOINT, TrackweaveConfig::endpoint);
    READ.put(Setting.API_VERSION, TrackweaveConfig::apiVersion);
    READ.put(Setting.QUEUE_MAX_BYTES, TrackweaveConfig::queueMaxBytes);
    READ.put(Setting.QUEUE_MAX_OPERATIONS, TrackweaveConfig::queueMaxOperations);
    READ.put(Setting.BATCH_MAX_BYTES, TrackweaveConfig::batchMaxBytes);
    READ.put(Setting.BATCH_MAX_OPERATIONS, TrackweaveConfig::batchMaxOperations);
    READ.put(Setting.FLUSH_INTERVAL, TrackweaveConfig::flushInterval);
    READ.put(Setting.CONNECT_TIMEOUT, TrackweaveConfig::connectTimeout);
    READ.put(Setting.READ_TIMEOUT, TrackweaveConfig::readTimeout);
    READ.put(Setting.CALL_TIMEOUT, TrackweaveConfig::callTimeout);
    READ.put(Setting.RETRY_MAX_ATTEMPTS, c -> c.retryMaxAttempts() == Integer.MAX_VALUE ? 0 : c.retryMaxAttempts());
    READ.put(Setting.RETRY_MAX_TIME, TrackweaveConfig::retryMaxTime);
    READ.put(Setting.RETRY_INITIAL_BACKOFF, TrackweaveConfig::retryInitialBackoff);
    READ.put(Setting.RETRY_MAX_BACKOFF, TrackweaveConfig::retryMaxBackoff);
    READ.put(Setting.RATE_LIMIT, TrackweaveConfig::rateLimit);
    READ.put(Setting.SENDERS, TrackweaveConfig::senders);
    READ.put(Setting.DEDUPE_CAPACITY, TrackweaveConfig::dedupeCapacity);
    READ.put(Setting.SHUTDOWN_TIMEOUT, TrackweaveConfig::shutdownTimeout);
    READ.put(Setting.GZIP, TrackweaveConfig::gzip);
    READ.put(Setting.JMX, TrackweaveConfig::jmx);
    READ.put(Setting.NAME, TrackweaveConfig::name);
    READ.put(Setting.SPOOL_ENABLED, TrackweaveConfig::spoolEnabled);
    READ.put(Setting.SPOOL_DIR, TrackweaveConfig::spoolDir);
    READ.put(Setting.SPOOL_MAX_BYTES, TrackweaveConfig::spoolMaxBytes);
    READ.put(Setting.SPOOL_FSYNC, TrackweaveConfig::spoolFsync);
    READ.put(Setting.SPOOL_FSYNC_INTERVAL, TrackweaveConfig::spoolFsyncInterval);
    READ.put(Setting.BACKFILL, TrackweaveConfig::backfill);
    READ.put(Setting.BACKFILL_TRIGGER_EVENTS, TrackweaveConfig::backfillTriggerEvents);
    READ.put(Setting.TRANSPORT, TrackweaveConfig::transport);
    READ.put(Setting.KAFKA_BOOTSTRAP_SERVERS, c -> c.transportSettings().bootstrapServers());
    READ.put(Setting.KAFKA_TOPIC, c -> c.transportSettings().kafkaTopic());
    READ.put(Setting.RELAY_GROUP, c -> c.transportSettings().relayGroup());
    READ.put(Setting.RELAY_DEAD_LETTER_TOPIC, c -> c.transportSettings().relayDeadLetterTopic());
  }

  /** Settings a config carries but does not answer (read by the agent itself, say); none yet. */
  private static final Set<Setting> NOT_ON_THE_CONFIG = EnumSet.noneOf(Setting.class);

  @Test
  void everySettingIsReadHere() {
    Set<Setting> covered = EnumSet.copyOf(READ.keySet());
    covered.addAll(NOT_ON_THE_CONFIG);
    assertThat(covered).as("a setting added to Setting needs its accessor in READ (or a place in NOT_ON_THE_CONFIG)")
        .containsAll(Set.of(Setting.values()));
  }

  @Test
  void aConfigFromNoSourceAnswersEverySettingsDocumentedDefault() {
    TrackweaveConfig loaded = TrackweaveConfig.load(Map.of(), Map.of(), Map.of());
    TrackweaveConfig rebuilt = loaded.toBuilder().build();
    List<String> drift = new ArrayList<>();
    for (Map.Entry<Setting, Function<TrackweaveConfig, Object>> e : READ.entrySet()) {
      Setting s = e.getKey();
      Object expected = s.defaultValue();
      for (TrackweaveConfig c : List.of(loaded, rebuilt)) {
        Object actual = e.getValue().apply(c);
        if (!Objects.equals(expected, actual)) {
          drift.add(s.key() + ": documented " + s.defaultText() + " is " + expected + ", the config answers " + actual);
        }
      }
    }
    assertThat(drift).isEmpty();
  }

  /** The typed defaults pinned independently, so a change to how a default's text parses cannot pass unseen. */
  @Test
  void theTypedDefaultsAreTheValuesTheDocsPromise() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of(), Map.of(), Map.of());
    assertThat(c.queueMaxBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(c.queueMaxOperations()).isEqualTo(100_000);
    assertThat(c.batchMaxBytes()).isEqualTo(TrackweaveConfig.MAX_BATCH_BYTES);
    assertThat(c.batchMaxOperations()).isEqualTo(2000);
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.retryMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(c.retryMaxTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.retryInitialBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.rateLimit()).isEqualTo(100.0);
    assertThat(c.senders()).isEqualTo(2);
    assertThat(c.dedupeCapacity()).isEqualTo(65536);
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.gzip()).isFalse();
    assertThat(c.jmx()).isTrue();
    assertThat(c.name()).isEqualTo("default");
    assertThat(c.spoolEnabled()).isTrue();
    assertThat(c.spoolDir()).isNull();
    assertThat(c.spoolMaxBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(c.spoolFsync()).isEqualTo(FsyncPolicy.INTERVAL);
    assertThat(c.spoolFsyncInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.backfill()).isFalse();
    assertThat(c.backfillTriggerEvents()).isEmpty();
    assertThat(c.pipelinesRejectUpdateOnly()).isFalse();
    assertThat(c.region()).isEqualTo(Region.US);
    assertThat(c.endpoint()).isNull();
    assertThat(c.apiVersion()).isEqualTo(ApiVersion.V2);
    assertThat(c.transport()).isEqualTo(Transport.HTTP);
    assertThat(c.transportSettings().kafkaProperties()).isEmpty();
  }

  @Test
  void aDefaultWrittenAsAValueParsesAndOneInWordsIsUnset() {
    for (Setting s : Setting.values()) {
      if (s.defaultText().startsWith("(")) {
        assertThat(s.defaultValue()).as(s.key()).satisfiesAnyOf(
            v -> assertThat(v).isNull(), v -> assertThat(v).isEqualTo(Set.of()));
      } else {
        assertThat(s.defaultValue()).as(s.key()).isNotNull().isEqualTo(s.parse(s.defaultText()));
      }
    }
    assertThat(Setting.SPOOL_DIR.parse("/var/spool/tw")).isEqualTo(Path.of("/var/spool/tw"));
  }
}
