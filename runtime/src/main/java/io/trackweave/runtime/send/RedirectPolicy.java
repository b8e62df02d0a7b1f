package io.trackweave.runtime.send;

import io.trackweave.runtime.Region;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Which redirects keep the credentials: to the configured origin, or over https to a Customer.io host
 * ({@code customer.io} or {@code *.customer.io}). Anywhere else the request follows without its
 * Authorization header, so a hostile or mistaken redirect never learns the key.
 */
public final class RedirectPolicy {
  private RedirectPolicy() {}

  public static boolean keepsCredentials(HttpUrl configured, HttpUrl target) {
    if (configured.scheme().equals(target.scheme())
        && configured.host().equalsIgnoreCase(target.host())
        && configured.port() == target.port()) {
      return true;
    }
    String host = target.host().toLowerCase(Locale.ROOT);
    return target.isHttps() && (host.equals("customer.io") || host.endsWith(".customer.io"));
  }

  /**
   * A hint when Customer.io redirected to the other region's host, or null: the workspace lives there,
   * and setting the region saves a round trip per request.
   */
  public static String regionHint(Region configured, HttpUrl target) {
    Region actual = Region.ofHost(target.host());
    if (actual == null || actual == configured) {
      return null;
    }
    String r = actual.name().toLowerCase(Locale.ROOT);
    return "Customer.io redirected Track API requests to " + target.host()
        + ": this workspace is in the " + actual + " region. Set TRACKWEAVE_REGION=" + r
        + " (or trackweave.region=" + r + ", or region(Region." + actual + ")) to send there directly.";
  }
}
