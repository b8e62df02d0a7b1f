package io.trackweave.runtime.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.Region;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedirectPolicyTest {
  static final HttpUrl US = HttpUrl.get("https://track.customer.io/");

  @Test
  void credentialsFollowOnlyToCustomerIoOverHttpsOrTheSameOrigin() {
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("https://track-eu.customer.io/api/v2/batch"))).isTrue();
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("https://customer.io/x"))).isTrue();
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("https://track.customer.io/other"))).isTrue();
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("http://track-eu.customer.io/x"))).isFalse();
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("https://customer.io.evil.com/x"))).isFalse();
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("https://evilcustomer.io/x"))).isFalse();
    assertThat(RedirectPolicy.keepsCredentials(US, HttpUrl.get("https://example.com/x"))).isFalse();
  }

  @Test
  void aRedirectToTheOtherRegionHintsAtTheSetting() {
    String hint = RedirectPolicy.regionHint(Region.US, HttpUrl.get("https://track-eu.customer.io/api/v2/batch"));
    assertThat(hint).contains("EU region").contains("TRACKWEAVE_REGION=eu");
    assertThat(RedirectPolicy.regionHint(Region.EU, HttpUrl.get("https://track-eu.customer.io/x"))).isNull();
    assertThat(RedirectPolicy.regionHint(Region.US, HttpUrl.get("https://example.com/x"))).isNull();
  }
}
