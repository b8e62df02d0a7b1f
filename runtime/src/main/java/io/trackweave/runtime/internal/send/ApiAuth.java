package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.ApiVersion;
import okhttp3.Credentials;

/** How each API authenticates a request, from its OpenAPI {@code securitySchemes}. */
final class ApiAuth {
  /**
   * The Pipelines API's header that turns on strict validation ({@code 1}): without it, a call that
   * breaks a limit or the schema is answered 200 and silently not processed.
   */
  static final String STRICT_MODE_HEADER = "X-Strict-Mode";

  private ApiAuth() {}

  /**
   * The {@code Authorization} header: the Track API's Basic auth is site id : API key; the Pipelines
   * API's is the Pipelines API key as the user name with an empty password ({@code API_key:}).
   */
  static String authorization(HttpSettings http) {
    if (http.apiVersion() == ApiVersion.PIPELINES) {
      return Credentials.basic(http.pipelinesApiKey(), "");
    }
    return Credentials.basic(http.siteId(), http.apiKey());
  }
}
