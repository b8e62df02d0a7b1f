package io.trackweave.runtime.internal.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.Region;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedirectPolicyTest {
  static final HttpUrl US = HttpUrl.get("https://track.customer.io/");

  @Test
  void credentialsFollowOnlyToCustomerIoOverHttpsOrTheSameOrigin() {
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("https://track-eu.customer.io/api/v2/batch"))).isTrue();
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("https://customer.io/x"))).isTrue();
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("https://track.customer.io/other"))).isTrue();
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("http://track-eu.customer.io/x"))).isFalse();
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("https://customer.io.evil.com/x"))).isFalse();
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("https://evilcustomer.io/x"))).isFalse();
    assertThat(RedirectPolicy.trusted(US, HttpUrl.get("https://example.com/x"))).isFalse();
  }

  @Test
  void only307And308ToATrustedTargetAreFollowed() {
    HttpUrl eu = HttpUrl.get("https://track-eu.customer.io/api/v2/batch");
    assertThat(RedirectPolicy.refusal(US, 307, eu)).isNull();
    assertThat(RedirectPolicy.refusal(US, 308, eu)).isNull();
    for (int status : new int[] {301, 302, 303}) {
      assertThat(RedirectPolicy.refusal(US, status, eu)).contains("HTTP " + status).contains("not followed");
    }
    assertThat(RedirectPolicy.refusal(US, 307, HttpUrl.get("https://example.com/api/v2/batch?key=x")))
        .contains("https://example.com:443").contains("refused").doesNotContain("key=x");
  }

  @Test
  void aRedirectToTheOtherRegionHintsAtTheSetting() {
    String hint = RedirectPolicy.regionHint(Region.US, HttpUrl.get("https://track-eu.customer.io/api/v2/batch"));
    assertThat(hint).contains("EU region").contains("TRACKWEAVE_REGION=eu");
    assertThat(RedirectPolicy.regionHint(Region.EU, HttpUrl.get("https://track-eu.customer.io/x"))).isNull();
    assertThat(RedirectPolicy.regionHint(Region.US, HttpUrl.get("https://example.com/x"))).isNull();
  }
}
