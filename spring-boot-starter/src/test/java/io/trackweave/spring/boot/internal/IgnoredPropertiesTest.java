package io.trackweave.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.spring.boot.TrackweaveProperties;
import io.trackweave.spring.boot.shop.ShopApplication;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * A {@code trackweave.*} key that binds to no starter property would do nothing, silently: the starter names it
 * in one warning at start-up, with why, and never with its value.
 */
@ExtendWith(OutputCaptureExtension.class)
class IgnoredPropertiesTest {

  @Test
  void eachIgnoredKeyIsNamedOnceAtStartUpWithWhyAndWithoutItsValue(CapturedOutput output) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
        .properties("spring.main.web-application-type=none", "trackweave.jmx=false", "trackweave.spool.enabled=false",
            // ignored: a setting of the relay, a typo, the runtime's spellings of two the starter names otherwise, the agent's
            "trackweave.relay.group=relay-group-value",
            "trackweave.flush.intervall=2s",
            "trackweave.kafka.sasl.jaas.config=password=\"kafka-secret-1\"",
            "trackweave.spool.fsync.interval=2s",
            "trackweave.agent.extensions=kafka-agent.jar",
            // bound, so never named: relaxed names, list elements, map entries, secrets
            "trackweave.flush.interval=2s",
            "trackweave.spool.fsyncInterval=2s",
            "trackweave.backfill-trigger-events[0]=signed_up",
            "trackweave.kafka.properties.sasl.mechanism=PLAIN",
            "trackweave.pipelines.api.key=pk-secret-2",
            "trackweave.advisor.enabled=true")
        .run()) {
      assertThat(context.isActive()).isTrue();
    }

    String all = output.getAll();
    assertOnce(all, "trackweave.relay.group is ignored (\"trackweave.relay.group\" from property source"
        + " \"defaultProperties\"): relay.* settings configure trackweave-relay, the service that sends the Kafka"
        + " topic's calls to Customer.io, not an application that publishes to it; set it in the relay's configuration");
    assertOnce(all, "trackweave.flush.intervall is ignored (\"trackweave.flush.intervall\" from property source"
        + " \"defaultProperties\"): no Trackweave property has this name (docs/configuration.md lists them)");
    assertOnce(all, "trackweave.kafka.sasl.jaas.config is ignored (\"trackweave.kafka.sasl.jaas.config\" from"
        + " property source \"defaultProperties\"): a Kafka client property goes under trackweave.kafka.properties,"
        + " as trackweave.kafka.properties.sasl.jaas.config");
    assertOnce(all, "trackweave.spool.fsync.interval is ignored (\"trackweave.spool.fsync.interval\" from property"
        + " source \"defaultProperties\"): in Spring the setting spool.fsync.interval is trackweave.spool.fsync-interval");
    assertOnce(all, "trackweave.agent.extensions is ignored (\"trackweave.agent.extensions\" from property source"
        + " \"defaultProperties\"): a setting of the agent, which reads -javaagent arguments, system properties and"
        + " environment variables, not Spring's configuration files");
    assertThat(all).doesNotContain("relay-group-value", "kafka-secret-1", "pk-secret-2");
    Matcher warnings = Pattern.compile("WARN \\d+ --- \\[.*\\] \\S*\\.internal\\.IgnoredProperties +: Trackweave: ")
        .matcher(all);
    int count = 0;
    while (warnings.find()) {
      count++;
    }
    assertThat(count).as("one warning per ignored key, none for the bound ones\n" + all).isEqualTo(5);
  }

  /**
   * Environment variables and system properties: the runtime reads its own settings there (so {@code
   * TRACKWEAVE_SPOOL_FSYNC_INTERVAL} works, and is not named), and names from other tools are not judged;
   * the relay's settings have no effect in an application from any source.
   */
  @Test
  void fromTheProcessWideSourcesOnlyTheRelaysSettingsAreNamed() {
    MockEnvironment environment = new MockEnvironment().withProperty("trackweave.flush.intervall", "2s");
    environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, java.util.Map.of(
            "TRACKWEAVE_SPOOL_FSYNC_INTERVAL", "2s",
            "TRACKWEAVE_KAFKA_SASL_MECHANISM", "PLAIN",
            "TRACKWEAVE_SOME_OTHER_TOOL", "x",
            "TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC", "dlq")));

    assertThat(IgnoredProperties.find(environment, TrackweaveProperties.class)).satisfiesExactly(
        w -> assertThat(w).startsWith("Trackweave: trackweave.flush.intervall is ignored"),
        w -> assertThat(w).startsWith("Trackweave: trackweave.relay.dead.letter.topic is ignored"
            + " (\"TRACKWEAVE_RELAY_DEAD_LETTER_TOPIC\" from property source \"systemEnvironment\"): relay.* settings"));
  }

  /** A value that does not bind fails the context through Spring's own binding; no second report here. */
  @Test
  void nothingWhenThePropertiesDoNotBind() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("trackweave.senders", "many").withProperty("trackweave.relay.group", "g");
    assertThat(IgnoredProperties.find(environment, TrackweaveProperties.class)).isEmpty();
  }

  private static void assertOnce(String output, String warning) {
    assertThat(output.split(Pattern.quote(warning), -1)).as(warning + "\nin\n" + output).hasSize(2);
  }
}
