package io.trackweave.runtime.internal.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trackweave.runtime.internal.metrics.ExitSafeLogger;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a 207's {@code errors}: Customer.io accepted the batch but rejected the items it names by their
 * {@code batch_index}, each with a {@code reason} (what the ledger counts them under) and optionally the
 * {@code field} and a {@code message} (what its warning shows).
 */
final class ItemErrors {
  private static final Logger LOG = ExitSafeLogger.get("io.trackweave.runtime");

  /** Only a 207's body needs a JSON tree: databind loads on the first one, not with the first request. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private ItemErrors() {}

  /** batch_index to {reason, message}; empty (all delivered) when the body cannot be read. */
  static Map<Integer, String[]> read(String body) {
    Map<Integer, String[]> out = new HashMap<>();
    try {
      JsonNode errors = Json.MAPPER.readTree(body).path("errors");
      for (JsonNode e : errors) {
        if (!e.hasNonNull("batch_index")) {
          continue;
        }
        String reason = e.path("reason").asText("invalid");
        StringBuilder message = new StringBuilder(reason);
        if (e.hasNonNull("field")) {
          message.append(" (field ").append(e.get("field").asText()).append(')');
        }
        if (e.hasNonNull("message")) {
          message.append(": ").append(e.get("message").asText());
        }
        out.putIfAbsent(e.get("batch_index").asInt(),
            new String[] {reason.isEmpty() ? "invalid" : reason, message.toString()});
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Trackweave: unreadable 207 answer; counting its items as delivered");
    }
    return out;
  }
}
