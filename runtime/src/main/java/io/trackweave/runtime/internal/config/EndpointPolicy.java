package io.trackweave.runtime.internal.config;

import io.trackweave.runtime.ApiVersion;
import io.trackweave.runtime.Region;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Where requests may go, and with the credentials: the base URL a region, API and endpoint make, what
 * makes an endpoint a base URL at all, and the rule that credentials travel only over https, or over
 * plain http to loopback (an emulator on this machine).
 *
 * <p>Every endpoint is judged by the host OkHttp will connect to. An endpoint of the plain shape nearly
 * every configuration has ({@link PlainUrl}: http or https, an ASCII host name or dotted IPv4, a port, a
 * path of ordinary characters) is read here without OkHttp, because the start of the runtime should not
 * load OkHttp's URL parser (Kotlin, Okio and IDN mapping tables, ~100 ms on a cold JVM) only to read a
 * setting; on that shape OkHttp's parser yields the same scheme and (lower-cased) host. Anything else
 * (user info, IPv6, non-ASCII, percent escapes, a query) goes to OkHttp's {@code HttpUrl}, as before.
 */
public final class EndpointPolicy {
  private EndpointPolicy() {}

  /**
   * Where requests go: the endpoint when set, else the region's base URL for the chosen API (Track or
   * Pipelines); no trailing slash.
   */
  public static String baseUrl(String endpoint, Region region, ApiVersion apiVersion) {
    String base = endpoint != null ? endpoint
        : apiVersion == ApiVersion.PIPELINES ? region.pipelinesBaseUrl() : region.baseUrl();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  /**
   * Why requests must not go to {@code baseUrl}, or null: it is not an http(s) URL with a host, or it
   * would carry the credentials over plain HTTP to a host that is not loopback.
   */
  public static String problem(String baseUrl) {
    PlainUrl plain = PlainUrl.parse(baseUrl.trim());
    String host;
    boolean https;
    if (plain != null) {
      host = plain.host();
      https = plain.https();
    } else {
      String problem = syntaxProblem(baseUrl);
      if (problem != null) {
        return problem;
      }
      HttpUrl url = HttpUrl.get(baseUrl + "/");
      host = url.host();
      https = url.isHttps();
    }
    if (!https && !isLoopback(host)) {
      return "endpoint '" + baseUrl + "' uses plain http to a host that is not loopback (" + host
          + "); credentials are only sent over https, or over http to localhost, 127.0.0.0/8 or ::1";
    }
    return null;
  }

  /**
   * Why {@code endpoint} is not a base URL requests can go to, or null. Parsed as OkHttp will parse it
   * to connect, so the host judged here is the host reached.
   */
  public static String syntaxProblem(String endpoint) {
    String e = endpoint.trim();
    if (PlainUrl.parse(e) != null) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(e.endsWith("/") ? e : e + "/");
    URI uri;
    try {
      uri = new URI(e);
    } catch (URISyntaxException ex) {
      uri = null;
    }
    if (url == null || uri == null || uri.getScheme() == null) {
      return "endpoint '" + endpoint + "' is not a URL: use an http(s) URL with a host, e.g."
          + " https://track.customer.io or http://localhost:8080";
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      return "endpoint must not carry user info; the credentials come from the site id and API key";
    }
    if (url.query() != null || url.fragment() != null) {
      return "endpoint '" + endpoint + "' must not have a query or fragment: it is a base URL";
    }
    return null;
  }

  /**
   * Loopback, judged on the parsed host alone and by its literal spelling (deciding must not resolve
   * names: no I/O, and a name's answer can change): exactly {@code localhost}, an IPv4 literal in
   * 127.0.0.0/8 or the IPv6 literal {@code ::1}. Never by prefix: {@code 127.0.0.1.example.com} and
   * {@code localhost.example.com} are foreign hosts.
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")) {
      return true;
    }
    if (h.indexOf(':') >= 0) {
      return isIpv6Loopback(h);
    }
    return isIpv4Loopback(h);
  }

  /** A dotted-quad literal (four decimal octets, no shorthand) whose first octet is 127. */
  private static boolean isIpv4Loopback(String h) {
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !allIn(part, "0123456789") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return Integer.parseInt(parts[0]) == 127;
  }

  /** An IPv6 literal equal to ::1, in any of its spellings (0:0:0:0:0:0:0:1, 0000::0001, ...). */
  private static boolean isIpv6Loopback(String h) {
    if (!allIn(h, ":0123456789abcdef")) {
      return false;
    }
    String[] halves = h.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    List<String> head = groups(halves[0]);
    List<String> tail = halves.length == 2 ? groups(halves[1]) : List.of();
    if (head == null || tail == null) {
      return false;
    }
    int missing = 8 - head.size() - tail.size();
    if (halves.length == 1 ? missing != 0 : missing < 1) {
      return false;
    }
    List<String> all = new ArrayList<>(head);
    all.addAll(Collections.nCopies(missing, "0"));
    all.addAll(tail);
    for (int i = 0; i < 8; i++) {
      if (Integer.parseInt(all.get(i), 16) != (i == 7 ? 1 : 0)) {
        return false;
      }
    }
    return true;
  }

  /** True when every character of {@code text} is one of {@code allowed} (a loop: no stream or lambda at start-up). */
  private static boolean allIn(String text, String allowed) {
    for (int i = 0; i < text.length(); i++) {
      if (allowed.indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The colon-separated groups of one side of "::", or null when one is empty or over 4 digits. */
  private static List<String> groups(String side) {
    if (side.isEmpty()) {
      return List.of();
    }
    String[] groups = side.split(":", -1);
    for (String g : groups) {
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
    }
    return List.of(groups);
  }

  /**
   * An endpoint of the plain shape, read without OkHttp: {@code http} or {@code https} (any case),
   * {@code ://}, a host of dot-separated LDH labels (letters, digits, inner hyphens; 1-63 each, so a
   * dotted IPv4 literal too), an optional port 1-65535, then nothing or a path of unreserved characters,
   * sub-delimiters, {@code :}, {@code @} and {@code /}. No user info, brackets, backslash, percent sign,
   * query, fragment, white space or non-ASCII character: for those, OkHttp's parser decides.
   */
  record PlainUrl(boolean https, String host) {
    static PlainUrl parse(String e) {
      int colon = e.indexOf("://");
      if (colon < 0) {
        return null;
      }
      String scheme = e.substring(0, colon);
      boolean https;
      if (scheme.equalsIgnoreCase("https")) {
        https = true;
      } else if (scheme.equalsIgnoreCase("http")) {
        https = false;
      } else {
        return null;
      }
      int hostStart = colon + 3;
      int authorityEnd = e.indexOf('/', hostStart);
      if (authorityEnd < 0) {
        authorityEnd = e.length();
      }
      int portColon = e.indexOf(':', hostStart);
      int hostEnd = portColon >= 0 && portColon < authorityEnd ? portColon : authorityEnd;
      if (!hostName(e, hostStart, hostEnd)) {
        return null;
      }
      if (hostEnd < authorityEnd && !port(e, hostEnd + 1, authorityEnd)) {
        return null;
      }
      for (int i = authorityEnd; i < e.length(); i++) {
        if (!pathChar(e.charAt(i))) {
          return null;
        }
      }
      return new PlainUrl(https, e.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT));
    }

    private static boolean hostName(String e, int from, int to) {
      if (from >= to || to - from > 253) {
        return false;
      }
      int labelStart = from;
      for (int i = from; i <= to; i++) {
        if (i == to || e.charAt(i) == '.') {
          int length = i - labelStart;
          if (length == 0 || length > 63 || e.charAt(labelStart) == '-' || e.charAt(i - 1) == '-') {
            return false;
          }
          labelStart = i + 1;
          continue;
        }
        char c = e.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
          return false;
        }
      }
      return true;
    }

    private static boolean port(String e, int from, int to) {
      if (from >= to || to - from > 5) {
        return false;
      }
      int port = 0;
      for (int i = from; i < to; i++) {
        char c = e.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
        port = port * 10 + (c - '0');
      }
      return port >= 1 && port <= 65535;
    }

    private static boolean pathChar(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
  }
}
