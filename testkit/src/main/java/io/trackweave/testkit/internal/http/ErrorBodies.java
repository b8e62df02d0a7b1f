package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The error bodies of Customer.io's APIs, built in one place so a client's error parsing meets what the real
 * service sends: Track v1's {@code {"meta":{"error":...}}} (and {@code {"meta":{"errors":[...]}}} for a request it
 * refuses as invalid), Track v2's {@code {"errors":[{"reason","field","message"}]}}, and the Pipelines API's
 * {@code {"meta":{"errors":[...]}}}.
 */
final class ErrorBodies {
  private ErrorBodies() {}

  /** Track v1's error shape: {@code {"meta":{"error": ...}}}. */
  static ObjectNode meta(String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("meta").put("error", message);
    return body;
  }

  /** Track v2's error shape: {@code {"errors":[{"reason","field","message"}]}}. */
  static ObjectNode errors(String reason, String field, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode error = body.putArray("errors").addObject();
    error.put("reason", reason);
    error.put("field", field);
    error.put("message", message);
    return body;
  }

  /** The Pipelines API's error shape, also Track v1's for an invalid request: {@code {"meta":{"errors":[...]}}}. */
  static ObjectNode metaErrors(List<String> messages) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode errors = body.putObject("meta").putArray("errors");
    messages.forEach(errors::add);
    return body;
  }
}
