package io.trackweave.testkit.internal.activity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.trackweave.testkit.internal.exchange.Exchanges;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.IntFunction;

/**
 * Serves the activity log: the page at {@code /} (with its script and style as separate files, so a strict
 * Content-Security-Policy forbids any inline script an injected value could smuggle in) and its data at
 * {@code /activity}.
 */
public final class ActivityHandler implements HttpHandler {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:;"
          + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final byte[] page = resource("activity.html");
  private final byte[] script = resource("activity.js");
  private final byte[] style = resource("activity.css");
  private final IntFunction<Object> activity;

  /**
   * @param activity renders {@code /activity} given the number of latest events to keep per person
   */
  public ActivityHandler(IntFunction<Object> activity) {
    this.activity = activity;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        Exchanges.send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      switch (exchange.getRequestURI().getPath()) {
        case "/", "/index.html" -> Exchanges.send(exchange, 200, "text/html; charset=utf-8", page);
        case "/activity.js" -> Exchanges.send(exchange, 200, "text/javascript; charset=utf-8", script);
        case "/activity.css" -> Exchanges.send(exchange, 200, "text/css; charset=utf-8", style);
        case "/activity" -> Exchanges.sendJson(exchange, 200, activity.apply(eventsPerPerson(exchange)));
        case "/favicon.ico" -> Exchanges.send(exchange, 204, "image/x-icon", new byte[0]);
        default -> Exchanges.send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      }
    } finally {
      exchange.close();
    }
  }

  private static int eventsPerPerson(HttpExchange exchange) {
    String query = exchange.getRequestURI().getQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("events=")) {
          try {
            return Math.max(0, Integer.parseInt(pair.substring(7)));
          } catch (NumberFormatException e) {
            break;
          }
        }
      }
    }
    return Integer.MAX_VALUE;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ActivityHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
