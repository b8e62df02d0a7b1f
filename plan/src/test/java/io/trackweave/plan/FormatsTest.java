package io.trackweave.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {
  @ParameterizedTest
  @ValueSource(strings = {"ana@shop.example", "a.b+tag@sub.shop.co.uk", "x@localhost", "ünï@exämple.de"})
  void emails(String s) {
    assertThat(Formats.isEmail(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ana", "@shop.example", "ana@", "ana@@shop.example", "an a@shop.example",
      "ana@shop..example", "ana@-shop.example", ".ana@shop.example", "ana@shop_example.com", "a<b>@shop.example"})
  void notEmails(String s) {
    assertThat(Formats.isEmail(s)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://shop.example/p/1?x=1#top", "mailto:ana@shop.example", "urn:isbn:0451450523"})
  void uris(String s) {
    assertThat(Formats.isUri(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/p/1", "shop.example/p", "https://shop.example/a b", "http://"})
  void notUris(String s) {
    assertThat(Formats.isUri(s)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-03T10:15:30Z", "2026-11-03t10:15:30z", "2026-11-03T10:15:30.123456+01:00"})
  void dateTimes(String s) {
    assertThat(Formats.isDateTime(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-03T10:15:30", "2026-11-03 10:15:30Z", "2026-13-03T10:15:30Z", "2026-11-03",
      "1762164930"})
  void notDateTimes(String s) {
    assertThat(Formats.isDateTime(s)).isFalse();
  }

  @Test
  void dates() {
    assertThat(Formats.isDate("2028-02-29")).isTrue();
    assertThat(Formats.isDate("2026-02-29")).isFalse();
    assertThat(Formats.isDate("2026-2-1")).isFalse();
    assertThat(Formats.isDate("+12026-01-01")).isFalse();
  }

  @Test
  void unixTimeIsSecondsNotMilliseconds() {
    assertThat(Formats.isUnixTime(1_767_225_600L)).isTrue();
    assertThat(Formats.isUnixTime(-86_400L)).isTrue();
    assertThat(Formats.isUnixTime(1_767_225_600_000L)).isFalse();
    assertThat(Formats.isUnixTime(1_767_225_600.0)).isTrue();
    assertThat(Formats.isUnixTime(1_767_225_600.5)).isFalse();
  }

  @Test
  void matchesStringDispatchesByFormat() {
    assertThat(Formats.matchesString("email", "nope")).isFalse();
    assertThat(Formats.matchesString("uri", "https://x.example")).isTrue();
    assertThat(Formats.matchesString("unix-time", "anything")).isTrue();
  }
}
