package io.trackweave.testkit.internal.http;

import io.trackweave.testkit.Limits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trackweave.testkit.model.OperationRecord;
import io.trackweave.testkit.internal.exchange.Exchanges;
import io.trackweave.testkit.internal.model.Operation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves an authenticated Data Pipelines API call under {@code /v1/}: batch, identify, track, page, screen, group
 * and alias.
 *
 * <p>The Pipelines API answers 200 to a call it does not process unless the request carries {@code
 * X-Strict-Mode: 1}; the emulator does the same (the call log still shows what was dropped). In strict mode a
 * refused call is a 400 with {@code meta.errors}; a batch with any refused call is refused whole, nothing of it
 * applied, since that API's answer names no item.
 */
final class PipelinesEndpoints {
  private final OperationApplier applier;
  private final Limits limits;

  PipelinesEndpoints(OperationApplier applier, Limits limits) {
    this.applier = applier;
    this.limits = limits;
  }

  /**
   * One Pipelines API request: a single call or a batch.
   *
   * @param endpoint the path's last segment ({@code batch}, {@code track}, ...)
   * @param strict whether the request carries {@code X-Strict-Mode: 1}
   */
  void serve(Call call, Route route, String endpoint, boolean strict) throws IOException {
    boolean batch = route == Route.PIPELINES_BATCH;
    byte[] bytes;
    try {
      bytes = RequestBodies.read(call.exchange, batch ? limits.maxBatchBytes() : limits.maxOperationBytes());
    } catch (PayloadTooLarge | java.util.zip.ZipException e) {
      refuse(call, strict, List.of(e.getMessage()));
      return;
    }
    call.bytes = bytes.length;
    JsonNode body;
    try {
      body = bytes.length == 0 ? null : Exchanges.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      refuse(call, strict, List.of("malformed JSON: " + e.getOriginalMessage()));
      return;
    }
    if (body == null || !body.isObject()) {
      refuse(call, strict, List.of("the body must be a JSON object"));
      return;
    }
    if (!batch) {
      try {
        Operation operation = PipelinesCalls.parse(body, endpoint);
        call.operations.add(applier.apply(-1, operation));
        call.respond(200, JsonNodeFactory.instance.objectNode());
      } catch (BadRequest e) {
        refuse(call, strict, List.of(e.getMessage()));
      }
      return;
    }
    JsonNode items = body.get("batch");
    if (items == null || !items.isArray()) {
      refuse(call, strict, List.of("'batch' must be an array"));
      return;
    }
    List<Operation> parsed = new ArrayList<>(items.size());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      try {
        int size = Exchanges.JSON.writeValueAsBytes(item).length;
        if (size > limits.maxOperationBytes()) {
          throw BadRequest.invalid("", "call is " + size + " bytes; each must be at most "
              + limits.maxOperationBytes() / 1024 + " KB");
        }
        parsed.add(PipelinesCalls.parse(item, null));
      } catch (BadRequest e) {
        parsed.add(null);
        problems.add("batch[" + i + "]: " + e.getMessage());
      }
    }
    if (strict && !problems.isEmpty()) {
      for (int i = 0; i < items.size(); i++) {
        call.operations.add(new OperationRecord(i, describe(items.get(i)),
            parsed.get(i) == null ? "rejected: " + problemOf(problems, i) : "not applied: the batch was refused",
            false, List.of()));
      }
      call.error = "400: " + String.join("; ", problems);
      call.respond(400, ErrorBodies.metaErrors(problems));
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      Operation operation = parsed.get(i);
      if (operation == null) {
        call.operations.add(new OperationRecord(i, describe(items.get(i)),
            "dropped without an error (permissive mode): " + problemOf(problems, i), false, List.of()));
      } else {
        call.operations.add(applier.apply(i, operation));
      }
    }
    if (!problems.isEmpty()) {
      call.error = "dropped " + problems.size() + " call(s) with a 200 (no X-Strict-Mode: 1)";
    }
    call.respond(200, JsonNodeFactory.instance.objectNode());
  }

  private static String problemOf(List<String> problems, int index) {
    String prefix = "batch[" + index + "]: ";
    for (String p : problems) {
      if (p.startsWith(prefix)) {
        return p.substring(prefix.length());
      }
    }
    return "";
  }

  /**
   * A Pipelines call that is not processed: 400 in strict mode; without it, a 200 that drops the call, as
   * Customer.io does (the call log says so).
   */
  private static void refuse(Call call, boolean strict, List<String> problems) throws IOException {
    if (strict) {
      call.error = "400: " + String.join("; ", problems);
      call.respond(400, ErrorBodies.metaErrors(problems));
    } else {
      call.error = "dropped with a 200 (no X-Strict-Mode: 1): " + String.join("; ", problems);
      call.respond(200, JsonNodeFactory.instance.objectNode());
    }
  }

  /** A batch item's {@code type} (and {@code event}), for the call log. */
  private static String describe(JsonNode item) {
    if (item == null || !item.isObject()) {
      return String.valueOf(item);
    }
    String type = item.path("type").asText("?");
    return type + (item.has("event") ? " " + item.path("event").asText() : "");
  }
}
