package io.trackweave.testkit.internal.http;

import io.trackweave.testkit.Limits;
import static io.trackweave.testkit.internal.http.ErrorBodies.errors;
import static io.trackweave.testkit.internal.http.ErrorBodies.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackweave.testkit.model.OperationRecord;
import io.trackweave.testkit.internal.exchange.Exchanges;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.model.Identifier;
import java.io.IOException;
import java.util.List;

/**
 * Serves an authenticated Track API call under {@code /api/}: reads the body within Customer.io's size limits,
 * parses it, and answers as the Track API does: v1 customers, events, devices, merge and suppress (one operation,
 * {@code meta} errors), v2 entity (one operation) and v2 batch (each item on its own, a 207 naming the refused
 * items), and the region lookup.
 */
final class TrackApiEndpoints {
  private final OperationApplier applier;
  private final Limits limits;

  TrackApiEndpoints(OperationApplier applier, Limits limits) {
    this.applier = applier;
    this.limits = limits;
  }

  /** @param path the request path's decoded segments */
  void serve(Call call, Route route, List<String> path) throws IOException {
    boolean batch = route == Route.V2_BATCH;
    byte[] bytes;
    try {
      bytes = RequestBodies.read(call.exchange, batch ? limits.maxBatchBytes() : limits.maxOperationBytes());
    } catch (PayloadTooLarge e) {
      call.error = "413: " + e.getMessage();
      call.respond(413, route.isV2() ? errors("too_large", "", e.getMessage()) : meta(e.getMessage()));
      return;
    } catch (java.util.zip.ZipException e) {
      call.error = "invalid gzip body: " + e.getMessage();
      call.respond(400, meta("invalid gzip body: " + e.getMessage()));
      return;
    }
    call.bytes = bytes.length;
    JsonNode body;
    try {
      body = bytes.length == 0 ? JsonNodeFactory.instance.objectNode() : Exchanges.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      call.error = "malformed JSON: " + e.getOriginalMessage();
      call.respond(
          400,
          route.isV2() ? errors("invalid", "", "malformed JSON: " + e.getOriginalMessage())
              : meta("malformed JSON: " + e.getOriginalMessage()));
      return;
    }
    if (body == null || !body.isObject()) {
      call.error = "the body must be a JSON object";
      call.respond(400, route.isV2() ? errors("invalid", "", call.error) : meta(call.error));
      return;
    }
    switch (route) {
      case V2_BATCH -> serveBatch(call, body);
      case V2_ENTITY -> serveEntity(call, body);
      case V1_REGION -> {
        ObjectNode region = JsonNodeFactory.instance.objectNode();
        region.put("url", "http://" + call.exchange.getRequestHeaders().getFirst("Host"));
        region.put("data_center", "emulator");
        region.put("environment_id", 1);
        call.respond(200, region);
      }
      default -> serveV1(call, route, path, body);
    }
  }

  private void serveV1(Call call, Route route, List<String> path, JsonNode body) throws IOException {
    Operation operation;
    try {
      Identifier who = path.size() > 3 ? Identifier.fromV1Path(path.get(3)) : null;
      operation =
          switch (route) {
            case V1_IDENTIFY -> V1Requests.identify(who, body);
            case V1_DELETE -> new Operation.Delete(who);
            case V1_TRACK -> V1Requests.track(who, body);
            case V1_TRACK_ANONYMOUS -> V1Requests.track(null, body);
            case V1_ADD_DEVICE -> V1Requests.addDevice(who, body);
            case V1_DELETE_DEVICE -> new Operation.DeleteDevice(who, path.get(5));
            case V1_SUPPRESS -> new Operation.Suppress(who);
            case V1_UNSUPPRESS -> new Operation.Unsuppress(who);
            case V1_MERGE -> V1Requests.merge(body);
            default -> throw new IllegalStateException("not a v1 route: " + route);
          };
    } catch (BadRequest e) {
      call.error = "400: " + e.getMessage();
      call.respond(400, ErrorBodies.metaErrors(List.of(e.getMessage())));
      return;
    }
    call.operations.add(applier.apply(-1, operation));
    call.respond(200, JsonNodeFactory.instance.objectNode());
  }

  private void serveEntity(Call call, JsonNode body) throws IOException {
    Operation operation;
    try {
      operation = V2Operations.parse(body);
    } catch (BadRequest e) {
      call.error = "400: " + e.getMessage();
      call.respond(400, errors(e.reason(), e.field(), e.getMessage()));
      return;
    }
    call.operations.add(applier.apply(-1, operation));
    call.respond(200, JsonNodeFactory.instance.objectNode());
  }

  private void serveBatch(Call call, JsonNode body) throws IOException {
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      call.error = "'batch' must be an array";
      call.respond(400, errors("required", "batch", call.error));
      return;
    }
    ArrayNode errors = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode item = batch.get(i);
      try {
        int size = Exchanges.JSON.writeValueAsBytes(item).length;
        if (size > limits.maxOperationBytes()) {
          throw new BadRequest(
              "too_large", "", "operation is " + size + " bytes; each must be at most "
                  + limits.maxOperationBytes() / 1024 + " KB");
        }
        call.operations.add(applier.apply(i, V2Operations.parse(item)));
      } catch (BadRequest e) {
        ObjectNode error = errors.addObject();
        error.put("batch_index", i);
        error.put("reason", e.reason());
        error.put("field", e.field());
        error.put("message", e.getMessage());
        call.operations.add(
            new OperationRecord(i, describe(item), "rejected: " + e.getMessage(), false, List.of()));
      }
    }
    if (errors.isEmpty()) {
      call.respond(200, JsonNodeFactory.instance.objectNode());
    } else {
      ObjectNode response = JsonNodeFactory.instance.objectNode();
      response.set("errors", errors);
      call.respond(207, response);
    }
  }

  /** A refused batch item's {@code type action}, for the call log. */
  private static String describe(JsonNode item) {
    if (item == null || !item.isObject()) {
      return String.valueOf(item);
    }
    JsonNode action = item.get("action");
    JsonNode type = item.get("type");
    return (type != null ? type.asText() : "?") + " " + (action != null ? action.asText() : "?");
  }
}
