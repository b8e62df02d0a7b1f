package io.trackweave.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which source wins, on the loader alone (TrackweaveConfigTest covers it through the config). */
class SettingSourcesTest {
  @Test
  void theStrongestSourceThatParsesWinsAndEachIgnoredValueIsAProblem() {
    SettingSources.Loaded l = SettingSources.load(
        Map.of("TRACKWEAVE_SENDERS", "3"), Map.of("trackweave.senders", "x"), Map.of("senders", "0"));
    assertThat(l.values()).containsEntry(Setting.SENDERS, 3);
    assertThat(l.problems()).containsExactly(
        "setting senders ignored: out of range: '0'; using system property trackweave.senders instead",
        "system property trackweave.senders ignored: not a whole number: 'x'; using environment variable"
            + " TRACKWEAVE_SENDERS instead");
    assertThat(l.failedClosed()).isEmpty();
  }

  @Test
  void aBadRegionFailsClosedInsteadOfFallingBack() {
    SettingSources.Loaded l = SettingSources.load(Map.of("TRACKWEAVE_REGION", "eu"), Map.of(), Map.of("region", "mars"));
    assertThat(l.values()).doesNotContainKey(Setting.REGION);
    assertThat(l.failedClosed().get(Setting.REGION)).startsWith("setting region: unknown region 'mars'");
  }

  @Test
  void aSecretsBadValueIsNeverShownAndUnsetSettingsAreAbsent() {
    SettingSources.Loaded l = SettingSources.load(Map.of(), Map.of(), Map.of("nope", "1", "kafka.acks", "all"));
    assertThat(l.values()).isEmpty();
    assertThat(l.problems()).containsExactly("unknown setting 'nope' ignored");
    assertThat(l.kafkaProperties()).containsExactly(Map.entry("acks", "all"));
  }
}
