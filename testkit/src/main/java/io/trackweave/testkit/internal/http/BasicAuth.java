package io.trackweave.testkit.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/** Checks the Track API's Basic authentication: site id as user name, API key as password. */
public final class BasicAuth {
  private final byte[] expected;

  public BasicAuth(String siteId, String apiKey) {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(apiKey, "apiKey");
    this.expected = (siteId + ":" + apiKey).getBytes(StandardCharsets.UTF_8);
  }

  /** True when the {@code Authorization} header carries exactly the configured credentials. */
  public boolean accepts(String authorization) {
    if (authorization == null || authorization.length() < 6
        || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    // constant time, so the emulator is no oracle for a key's prefix
    return MessageDigest.isEqual(expected, given);
  }
}
