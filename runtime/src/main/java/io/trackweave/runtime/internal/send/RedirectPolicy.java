package io.trackweave.runtime.internal.send;

import io.trackweave.runtime.Region;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Which redirects are followed. A request carries the credentials and a batch of personal data, so it
 * follows only a 307 or 308 (they keep the method and the body) and only to the configured origin or,
 * over https, to a Customer.io host ({@code customer.io} or {@code *.customer.io}). Anything else is
 * refused: the body is not sent again, and the calls are rejected with reason {@value #REASON}.
 * 301, 302 and 303 are refused too: a client may (301, 302) or must (303, RFC 9110 15.4.4) turn them
 * into a GET without the body, which can never deliver a batch, and a 2xx to that GET would count
 * calls as delivered that never arrived.
 */
public final class RedirectPolicy {
  /** The rejection reason of calls whose request was redirected where it is not followed. */
  public static final String REASON = "redirect_refused";

  private RedirectPolicy() {}

  /** True when {@code target} may receive the request: the configured origin, or https Customer.io. */
  public static boolean trusted(HttpUrl configured, HttpUrl target) {
    if (configured.scheme().equals(target.scheme())
        && configured.host().equalsIgnoreCase(target.host())
        && configured.port() == target.port()) {
      return true;
    }
    String host = target.host().toLowerCase(Locale.ROOT);
    return target.isHttps() && (host.equals("customer.io") || host.endsWith(".customer.io"));
  }

  /**
   * Why the redirect with {@code status} to {@code target} is not followed, or null when it is. The
   * message names the target's origin only (a Location's path or query may carry anything).
   */
  public static String refusal(HttpUrl configured, int status, HttpUrl target) {
    String to = target.scheme() + "://" + target.host() + ":" + target.port();
    if (status != 307 && status != 308) {
      return "Customer.io answered HTTP " + status + " redirecting to " + to + "; only 307 and 308 keep the"
          + " method and body (a " + status + " would turn the request into a GET without its calls), so it is"
          + " not followed and the calls were not sent. Check the endpoint and region settings";
    }
    if (!trusted(configured, target)) {
      return "HTTP " + status + " redirect to " + to + " refused: calls are sent only to the configured"
          + " endpoint or to Customer.io over https. Check the endpoint setting (TRACKWEAVE_ENDPOINT)";
    }
    return null;
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
