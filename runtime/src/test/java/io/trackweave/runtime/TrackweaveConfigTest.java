package io.trackweave.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trackweave.runtime.internal.config.EndpointPolicy;
import io.trackweave.runtime.internal.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader, fed its sources directly: the real environment is never read or changed. */
class TrackweaveConfigTest {
  @Test
  void defaults() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of(), Map.of(), Map.of());
    assertThat(c.hasCredentials()).isFalse();
    assertThat(c.region()).isEqualTo(Region.US);
    assertThat(c.baseUrl()).isEqualTo("https://track.customer.io");
    assertThat(c.apiVersion()).isEqualTo(ApiVersion.V2);
    assertThat(c.queueMaxBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(c.batchMaxBytes()).isEqualTo(500_000);
    assertThat(c.flushInterval()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(c.rateLimit()).isEqualTo(100);
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void laterSourcesWinEnvironmentThenPropertiesThenOverridesThenBuilder() {
    Map<String, String> env = Map.of(
        "CUSTOMERIO_SITE_ID", "env-site", "CUSTOMERIO_API_KEY", "env-key",
        "TRACKWEAVE_REGION", "eu", "TRACKWEAVE_SENDERS", "3", "TRACKWEAVE_RATE_LIMIT", "7",
        "TRACKWEAVE_SPOOL_DIR", "/env/spool");
    Map<String, String> props = Map.of("trackweave.senders", "4", "trackweave.rate.limit", "8",
        "trackweave.site.id", "prop-site");
    Map<String, String> overrides = Map.of("rate.limit", "9", "spool.dir", "/agent/spool");
    TrackweaveConfig c = TrackweaveConfig.load(env, props, overrides);
    assertThat(c.siteId()).isEqualTo("prop-site");
    assertThat(c.apiKey()).isEqualTo("env-key");
    assertThat(c.region()).isEqualTo(Region.EU);
    assertThat(c.baseUrl()).isEqualTo("https://track-eu.customer.io");
    assertThat(c.senders()).isEqualTo(4);
    assertThat(c.rateLimit()).isEqualTo(9);
    assertThat(c.spoolDir()).isEqualTo(Path.of("/agent/spool"));

    TrackweaveConfig built = TrackweaveConfig.loadBuilder(env, props, overrides).rateLimit(10).region(Region.US).build();
    assertThat(built.rateLimit()).isEqualTo(10);
    assertThat(built.baseUrl()).isEqualTo("https://track.customer.io");
    assertThat(built.siteId()).isEqualTo("prop-site");
  }

  @Test
  void oneSettingHasOneNameInEveryForm() {
    assertThat(Setting.SPOOL_DIR.envName()).isEqualTo("TRACKWEAVE_SPOOL_DIR");
    assertThat(Setting.SPOOL_DIR.propertyName()).isEqualTo("trackweave.spool.dir");
    assertThat(Setting.SPOOL_DIR.key()).isEqualTo("spool.dir");
    assertThat(Setting.SITE_ID.envName()).isEqualTo("CUSTOMERIO_SITE_ID");
    assertThat(Setting.ENDPOINT.envName()).isEqualTo("TRACKWEAVE_ENDPOINT");
    for (Setting s : Setting.values()) {
      assertThat(Setting.byAnyName(s.key())).isSameAs(s);
      assertThat(Setting.byAnyName(s.propertyName())).isSameAs(s);
      assertThat(Setting.byAnyName(s.envName())).isSameAs(s);
    }
    // overrides accept the property spelling too
    assertThat(TrackweaveConfig.load(Map.of(), Map.of(), Map.of("trackweave.spool.dir", "/x")).spoolDir())
        .isEqualTo(Path.of("/x"));
  }

  @Test
  void theEndpointReplacesTheRegion() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of("TRACKWEAVE_ENDPOINT", "http://localhost:8080/"), Map.of(), Map.of());
    assertThat(c.baseUrl()).isEqualTo("http://localhost:8080");
    assertThat(c.endpointProblem()).isNull();
  }

  @Test
  void badValuesAreReportedAndTheDefaultKeptNeverThrown() {
    TrackweaveConfig c = TrackweaveConfig.load(
        Map.of("TRACKWEAVE_FLUSH_INTERVAL", "soon"),
        Map.of("trackweave.senders", "-1"),
        Map.of("no.such.setting", "1"));
    assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.senders()).isEqualTo(2);
    assertThat(c.problems()).hasSize(3);
    assertThat(String.join("\n", c.problems()))
        .contains("TRACKWEAVE_FLUSH_INTERVAL").contains("soon")
        .contains("trackweave.senders").contains("no.such.setting");
    assertThat(c.endpointProblem()).isNull();
  }

  @Test
  void aBadValueFallsBackToTheNextSourceThatParsesNotToTheDefault() {
    TrackweaveConfig c = TrackweaveConfig.load(
        Map.of("TRACKWEAVE_FLUSH_INTERVAL", "250ms", "TRACKWEAVE_SENDERS", "4"),
        Map.of("trackweave.flush.interval", "soon", "trackweave.senders", "-1"),
        Map.of("senders", "many"));
    assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(250)); // property bad: the environment's
    assertThat(c.senders()).isEqualTo(4); // override and property bad: the environment's
    assertThat(c.problems()).containsExactlyInAnyOrder(
        "system property trackweave.flush.interval ignored: not a duration: 'soon' (use e.g. 500ms, 2s, 1m);"
            + " using environment variable TRACKWEAVE_FLUSH_INTERVAL instead",
        "setting senders ignored: not a whole number: 'many'; using system property trackweave.senders instead",
        "system property trackweave.senders ignored: out of range: '-1'; using environment variable TRACKWEAVE_SENDERS instead");
  }

  @Test
  void anUnknownRegionDisablesTheRuntimeNamingTheValueAndTheRegions() {
    TrackweaveConfig c = TrackweaveConfig.load(
        Map.of("CUSTOMERIO_SITE_ID", "s", "CUSTOMERIO_API_KEY", "k", "TRACKWEAVE_REGION", "mars"), Map.of(), Map.of());
    assertThat(c.endpointProblem())
        .contains("TRACKWEAVE_REGION").contains("'mars'").contains("us").contains("eu")
        .contains("nothing is sent");
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(c.toBuilder().jmx(false).spoolEnabled(false).build())) {
      assertThat(runtime.isEnabled()).isFalse();
    }
  }

  @Test
  void aBadRegionNeverFallsBackToAWeakerSourceOrTheDefault() {
    // the strongest source is the user's latest word: a typo there must not quietly pick another region
    TrackweaveConfig c = TrackweaveConfig.load(
        Map.of("TRACKWEAVE_REGION", "eu"), Map.of(), Map.of("region", "venus"));
    assertThat(c.endpointProblem()).contains("setting region").contains("'venus'");
    // setting the region in code afterwards is a valid choice again
    assertThat(c.toBuilder().region(Region.EU).build().endpointProblem()).isNull();
  }

  @Test
  void aBrokenEndpointDisablesTheRuntimeNeverFallsBackToProduction() {
    for (String broken : new String[] {"not-a-url", "localhost:8080", "http://", "ftp://example.com",
        "http://exa mple.com", "https://:443", "track.customer.io", "http://user:pw@localhost:1"}) {
      TrackweaveConfig c = TrackweaveConfig.load(
          Map.of("CUSTOMERIO_SITE_ID", "s", "CUSTOMERIO_API_KEY", "k", "TRACKWEAVE_ENDPOINT", broken),
          Map.of(), Map.of());
      assertThat(c.endpointProblem()).as(broken).isNotNull().contains("TRACKWEAVE_ENDPOINT");
      assertThat(c.problems()).as(broken).isEmpty(); // reported once, as the reason it is disabled
    }
    TrackweaveConfig c = TrackweaveConfig.load(Map.of(), Map.of("trackweave.endpoint", "not-a-url"), Map.of());
    assertThat(c.endpointProblem()).contains("system property trackweave.endpoint").contains("'not-a-url'");
  }

  @Test
  void retriesAreBoundedByTimeNotByACountByDefault() {
    TrackweaveConfig defaults = TrackweaveConfig.load(Map.of(), Map.of(), Map.of());
    assertThat(defaults.retryMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(defaults.retryMaxTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(TrackweaveConfig.load(Map.of(), Map.of(), Map.of("retry.max.attempts", "0")).retryMaxAttempts())
        .isEqualTo(Integer.MAX_VALUE);
    TrackweaveConfig five = TrackweaveConfig.load(Map.of(), Map.of(), Map.of("retry.max.attempts", "5"));
    assertThat(five.retryMaxAttempts()).isEqualTo(5);
    assertThat(five.toBuilder().build().retryMaxAttempts()).isEqualTo(5);
    assertThat(TrackweaveConfig.load(Map.of(), Map.of(), Map.of("retry.max.attempts", "-1")).problems())
        .singleElement().asString().contains("retry.max.attempts");
  }

  @Test
  void gzipIsOffByDefaultAndTheSpoolOn() {
    TrackweaveConfig defaults = TrackweaveConfig.load(Map.of(), Map.of(), Map.of());
    assertThat(defaults.gzip()).isFalse();
    assertThat(defaults.spoolEnabled()).isTrue();
    assertThat(Setting.GZIP.defaultText()).isEqualTo("false");
    assertThat(Setting.SPOOL_ENABLED.defaultText()).isEqualTo("true");
    assertThat(Setting.RETRY_MAX_ATTEMPTS.defaultText()).isEqualTo("0");
    assertThat(TrackweaveConfig.load(Map.of(), Map.of(), Map.of("gzip", "true")).gzip()).isTrue();
  }

  @Test
  void theApiKeyNeverAppearsInMessagesOrToString() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of("CUSTOMERIO_API_KEY", "sk-very-secret", "CUSTOMERIO_SITE_ID", "s"),
        Map.of(), Map.of());
    assertThat(c.toString()).doesNotContain("sk-very-secret").contains("apiKey=set");
  }

  @Test
  void valuesInTheirTextForms() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of(), Map.of(), Map.of(
        "flush.interval", "250ms", "retry.max.time", "PT3M", "connect.timeout", "2s",
        "queue.max.bytes", "8m", "api.version", "v1", "gzip", "false", "batch.max.bytes", "900000"));
    assertThat(c.flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.retryMaxTime()).isEqualTo(Duration.ofMinutes(3));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.queueMaxBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(c.apiVersion()).isEqualTo(ApiVersion.V1);
    assertThat(c.gzip()).isFalse();
    assertThat(c.batchMaxBytes()).isEqualTo(500_000); // capped at Customer.io's limit
  }

  @Test
  void plainHttpOnlyToLoopback() {
    assertThat(EndpointPolicy.isLoopback("localhost")).isTrue();
    assertThat(EndpointPolicy.isLoopback("LocalHost")).isTrue();
    assertThat(EndpointPolicy.isLoopback("127.0.0.1")).isTrue();
    assertThat(EndpointPolicy.isLoopback("127.255.3.4")).isTrue();
    assertThat(EndpointPolicy.isLoopback("[::1]")).isTrue();
    assertThat(EndpointPolicy.isLoopback("::1")).isTrue();
    assertThat(EndpointPolicy.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(EndpointPolicy.isLoopback("[0000::0001]")).isTrue();
    assertThat(EndpointPolicy.isLoopback("example.com")).isFalse();
    assertThat(TestSupport.emptyConfig().endpoint("http://10.0.0.5:8080").build().endpointProblem()).contains("plain http");
    assertThat(TestSupport.emptyConfig().endpoint("https://10.0.0.5:8080").build().endpointProblem()).isNull();
    assertThat(TestSupport.emptyConfig().endpoint("http://127.0.0.1:8080").build().endpointProblem()).isNull();
    assertThat(TestSupport.emptyConfig().endpoint("http://[::1]:8080").build().endpointProblem()).isNull();
    assertThat(TestSupport.emptyConfig().endpoint("http://LOCALHOST:8080").build().endpointProblem()).isNull();
  }

  @Test
  void loopbackIsNeverAPrefixOfAForeignHost() {
    // each of these would carry the API key in clear text to someone else's machine
    for (String host : new String[] {"127.0.0.1.example.com", "127.attacker.net", "localhost.example.com",
        "localhost.", "evil.localhost", "localhostx", "127.0.0.1x", "1127.0.0.1", "127.0.0.256", "127.1",
        "0x7f.0.0.1", "::2", "::1:1", "[::ffff:7f00:1]x", ""}) {
      assertThat(EndpointPolicy.isLoopback(host)).as(host).isFalse();
    }
    for (String endpoint : new String[] {"http://127.0.0.1.example.com:8080", "http://localhost.example.com",
        "http://127.0.0.1.nip.io:8080/"}) {
      assertThat(TestSupport.emptyConfig().endpoint(endpoint).build().endpointProblem())
          .as(endpoint).contains("plain http").contains("not loopback");
    }
  }

  @Test
  void theBuilderRefusesImpossibleValues() {
    assertThatThrownBy(() -> TestSupport.emptyConfig().senders(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestSupport.emptyConfig().endpoint("not a url")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestSupport.emptyConfig().endpoint("not-a-url")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestSupport.emptyConfig().retryMaxAttempts(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestSupport.emptyConfig().set("nope", "1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pipelinesIsChosenByApiVersionWithItsOwnKeyAndRegionalHost() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of("TRACKWEAVE_API_VERSION", "pipelines",
        "CUSTOMERIO_PIPELINES_API_KEY", "cdp-secret", "TRACKWEAVE_REGION", "eu"), Map.of(), Map.of());
    assertThat(c.apiVersion()).isEqualTo(ApiVersion.PIPELINES);
    assertThat(c.pipelinesApiKey()).isEqualTo("cdp-secret");
    assertThat(c.baseUrl()).isEqualTo("https://cdp-eu.customer.io");
    assertThat(c.hasCredentials()).isTrue(); // no site id needed
    assertThat(c.account()).startsWith("pipelines-").doesNotContain("cdp-secret");
    assertThat(c.toString()).doesNotContain("cdp-secret");
    TrackweaveConfig us = TrackweaveConfig.load(Map.of(), Map.of(), Map.of("api.version", "pipelines"));
    assertThat(us.baseUrl()).isEqualTo("https://cdp.customer.io");
    assertThat(us.hasCredentials()).isFalse();
    assertThat(us.missingCredentials()).contains("CUSTOMERIO_PIPELINES_API_KEY");
    // the Track API's hosts are unchanged
    assertThat(TrackweaveConfig.load(Map.of("TRACKWEAVE_REGION", "eu"), Map.of(), Map.of()).baseUrl())
        .isEqualTo("https://track-eu.customer.io");
  }

  @Test
  void aBadApiVersionNamesTheAllowedValues() {
    TrackweaveConfig c = TrackweaveConfig.load(Map.of(), Map.of(), Map.of("api.version", "v3"));
    assertThat(c.apiVersion()).isEqualTo(ApiVersion.V2);
    assertThat(c.problems()).anySatisfy(p -> assertThat(p)
        .contains("unknown api version 'v3'").contains("v2").contains("v1").contains("pipelines"));
    assertThatThrownBy(() -> ApiVersion.parse("graphql")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use v2").hasMessageContaining("pipelines");
  }
}
