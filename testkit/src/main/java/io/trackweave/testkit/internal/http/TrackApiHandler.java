package io.trackweave.testkit.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.trackweave.testkit.internal.activity.CallLog;
import io.trackweave.testkit.internal.activity.CallRecord;
import io.trackweave.testkit.internal.activity.OperationRecord;
import io.trackweave.testkit.internal.check.PlanCheck;
import io.trackweave.testkit.internal.exchange.Exchanges;
import io.trackweave.testkit.faults.Fault;
import io.trackweave.testkit.faults.Faults;
import io.trackweave.testkit.internal.model.Applied;
import io.trackweave.testkit.model.Identifier;
import io.trackweave.testkit.internal.model.Operation;
import io.trackweave.testkit.internal.model.Workspace;
import io.trackweave.testkit.model.PlanViolation;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves the Track API under {@code /api/}: v1 customers, events, devices, merge and suppress, and v2 entity
 * and batch; and the Data Pipelines API under {@code /v1/}: batch, identify, track, page, screen, group and
 * alias. Every call is checked for Basic auth and size, parsed, checked against the plan, applied to the
 * people model, and logged.
 *
 * <p>The Pipelines API answers 200 to a call it does not process unless the request carries {@code
 * X-Strict-Mode: 1}; the emulator does the same (the call log still shows what was dropped). In strict
 * mode a refused call is a 400 with {@code meta.errors}; a batch with any refused call is refused whole,
 * nothing of it applied, since that API's answer names no item.
 */
public final class TrackApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(TrackApiHandler.class.getName());

  private final Workspace workspace;
  private final PlanCheck planCheck;
  private final Faults faults;
  private final CallLog calls;
  private final BasicAuth auth;
  private final BasicAuth pipelinesAuth;
  private final Limits limits;
  private final Clock clock;

  public TrackApiHandler(
      Workspace workspace, PlanCheck planCheck, Faults faults, CallLog calls, BasicAuth auth, Limits limits,
      Clock clock) {
    this(workspace, planCheck, faults, calls, auth, null, limits, clock);
  }

  /** @param pipelinesAuth the Pipelines API's credentials (API key, empty password), or null to refuse it */
  public TrackApiHandler(
      Workspace workspace, PlanCheck planCheck, Faults faults, CallLog calls, BasicAuth auth, BasicAuth pipelinesAuth,
      Limits limits, Clock clock) {
    this.pipelinesAuth = pipelinesAuth;
    this.workspace = workspace;
    this.planCheck = planCheck;
    this.faults = faults;
    this.calls = calls;
    this.auth = auth;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Call call = new Call(exchange, calls.nextSeq(), clock.instant());
    try {
      serve(call);
    } catch (IOException | RuntimeException e) {
      // a client that hung up, or a bug: either way the call is logged, and the server keeps serving
      LOG.log(System.Logger.Level.DEBUG, "call " + call.seq + " failed", e);
      call.error = "emulator error: " + e;
      if (call.status == 0 && !call.logged) {
        try {
          respond(call, 500, meta("emulator error: " + e.getClass().getSimpleName()));
        } catch (IOException | RuntimeException ignored) {
          // the connection is gone
        }
      }
    } finally {
      log(call);
      exchange.close();
    }
  }

  private void serve(Call call) throws IOException {
    HttpExchange exchange = call.exchange;
    Duration latency = faults.latency();
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Fault fault = faults.next(exchange.getRequestURI().getPath());
    if (fault instanceof Fault.Reset) {
      call.error = "injected fault: connection reset";
      log(call);
      // closing an exchange before any response header closes the socket: the client sees no answer
      exchange.close();
      return;
    }
    if (fault instanceof Fault.Status status) {
      call.error = "injected fault: " + status;
      if (status.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(status.retryAfter().toSeconds()));
      }
      respond(call, status.status(), meta("injected fault (status " + status.status() + ")"));
      return;
    }
    List<String> path = PathCodec.segments(exchange.getRequestURI().getRawPath());
    String method = exchange.getRequestMethod();
    Route route = Route.of(method, path);
    if (route == Route.NOT_FOUND) {
      call.error = "no such endpoint";
      respond(call, 404, meta("no such Track API endpoint: " + method + " " + exchange.getRequestURI().getRawPath()));
      return;
    }
    if (route == Route.METHOD_NOT_ALLOWED) {
      call.error = "method not allowed";
      respond(call, 405, meta("method " + method + " is not allowed here"));
      return;
    }
    boolean strict = "1".equals(exchange.getRequestHeaders().getFirst("X-Strict-Mode"));
    if (route.isPipelines()) {
      if (pipelinesAuth == null || !pipelinesAuth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
        call.error = "unauthorized: wrong or missing Basic credentials (Pipelines API key as user name, empty password)";
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Pipelines API\"");
        respond(call, 401, pipelinesErrors(List.of("Unauthorized request")));
        return;
      }
      servePipelines(call, route, path.get(1), strict);
      return;
    }
    if (!auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
      call.error = "unauthorized: wrong or missing Basic credentials (site id : API key)";
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Track API\"");
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("meta").put("error", "Unauthorized request");
      respond(call, 401, body);
      return;
    }
    boolean batch = route == Route.V2_BATCH;
    byte[] bytes;
    try {
      bytes = RequestBodies.read(exchange, batch ? limits.maxBatchBytes() : limits.maxOperationBytes());
    } catch (PayloadTooLarge e) {
      call.error = "413: " + e.getMessage();
      respond(call, 413, route.isV2() ? errors("too_large", "", e.getMessage()) : meta(e.getMessage()));
      return;
    } catch (java.util.zip.ZipException e) {
      call.error = "invalid gzip body: " + e.getMessage();
      respond(call, 400, meta("invalid gzip body: " + e.getMessage()));
      return;
    }
    call.bytes = bytes.length;
    JsonNode body;
    try {
      body = bytes.length == 0 ? JsonNodeFactory.instance.objectNode() : Exchanges.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      call.error = "malformed JSON: " + e.getOriginalMessage();
      respond(
          call, 400,
          route.isV2() ? errors("invalid", "", "malformed JSON: " + e.getOriginalMessage())
              : meta("malformed JSON: " + e.getOriginalMessage()));
      return;
    }
    if (body == null || !body.isObject()) {
      call.error = "the body must be a JSON object";
      respond(call, 400, route.isV2() ? errors("invalid", "", call.error) : meta(call.error));
      return;
    }
    switch (route) {
      case V2_BATCH -> serveBatch(call, body);
      case V2_ENTITY -> serveEntity(call, body);
      case V1_REGION -> {
        ObjectNode region = JsonNodeFactory.instance.objectNode();
        region.put("url", "http://" + exchange.getRequestHeaders().getFirst("Host"));
        region.put("data_center", "emulator");
        region.put("environment_id", 1);
        respond(call, 200, region);
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
      ObjectNode response = JsonNodeFactory.instance.objectNode();
      response.putObject("meta").putArray("errors").add(e.getMessage());
      respond(call, 400, response);
      return;
    }
    call.operations.add(apply(-1, operation));
    respond(call, 200, JsonNodeFactory.instance.objectNode());
  }

  private void serveEntity(Call call, JsonNode body) throws IOException {
    Operation operation;
    try {
      operation = V2Operations.parse(body);
    } catch (BadRequest e) {
      call.error = "400: " + e.getMessage();
      respond(call, 400, errors(e.reason(), e.field(), e.getMessage()));
      return;
    }
    call.operations.add(apply(-1, operation));
    respond(call, 200, JsonNodeFactory.instance.objectNode());
  }

  private void serveBatch(Call call, JsonNode body) throws IOException {
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      call.error = "'batch' must be an array";
      respond(call, 400, errors("required", "batch", call.error));
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
        call.operations.add(apply(i, V2Operations.parse(item)));
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
      respond(call, 200, JsonNodeFactory.instance.objectNode());
    } else {
      ObjectNode response = JsonNodeFactory.instance.objectNode();
      response.set("errors", errors);
      respond(call, 207, response);
    }
  }

  /** One Pipelines API request: a single call or a batch. */
  private void servePipelines(Call call, Route route, String endpoint, boolean strict) throws IOException {
    boolean batch = route == Route.PIPELINES_BATCH;
    byte[] bytes;
    try {
      bytes = RequestBodies.read(call.exchange, batch ? limits.maxBatchBytes() : limits.maxOperationBytes());
    } catch (PayloadTooLarge | java.util.zip.ZipException e) {
      refusePipelines(call, strict, List.of(e.getMessage()));
      return;
    }
    call.bytes = bytes.length;
    JsonNode body;
    try {
      body = bytes.length == 0 ? null : Exchanges.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      refusePipelines(call, strict, List.of("malformed JSON: " + e.getOriginalMessage()));
      return;
    }
    if (body == null || !body.isObject()) {
      refusePipelines(call, strict, List.of("the body must be a JSON object"));
      return;
    }
    if (!batch) {
      try {
        Operation operation = PipelinesCalls.parse(body, endpoint);
        call.operations.add(apply(-1, operation));
        respond(call, 200, JsonNodeFactory.instance.objectNode());
      } catch (BadRequest e) {
        refusePipelines(call, strict, List.of(e.getMessage()));
      }
      return;
    }
    JsonNode items = body.get("batch");
    if (items == null || !items.isArray()) {
      refusePipelines(call, strict, List.of("'batch' must be an array"));
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
        call.operations.add(new OperationRecord(i, describePipelines(items.get(i)),
            parsed.get(i) == null ? "rejected: " + problemOf(problems, i) : "not applied: the batch was refused",
            false, List.of()));
      }
      call.error = "400: " + String.join("; ", problems);
      respond(call, 400, pipelinesErrors(problems));
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      Operation operation = parsed.get(i);
      if (operation == null) {
        call.operations.add(new OperationRecord(i, describePipelines(items.get(i)),
            "dropped without an error (permissive mode): " + problemOf(problems, i), false, List.of()));
      } else {
        call.operations.add(apply(i, operation));
      }
    }
    if (!problems.isEmpty()) {
      call.error = "dropped " + problems.size() + " call(s) with a 200 (no X-Strict-Mode: 1)";
    }
    respond(call, 200, JsonNodeFactory.instance.objectNode());
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
  private void refusePipelines(Call call, boolean strict, List<String> problems) throws IOException {
    if (strict) {
      call.error = "400: " + String.join("; ", problems);
      respond(call, 400, pipelinesErrors(problems));
    } else {
      call.error = "dropped with a 200 (no X-Strict-Mode: 1): " + String.join("; ", problems);
      respond(call, 200, JsonNodeFactory.instance.objectNode());
    }
  }

  /** The Pipelines API's error shape: {@code {"meta":{"errors":[...]}}}. */
  private static ObjectNode pipelinesErrors(List<String> messages) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode errors = body.putObject("meta").putArray("errors");
    messages.forEach(errors::add);
    return body;
  }

  private static String describePipelines(JsonNode item) {
    if (item == null || !item.isObject()) {
      return String.valueOf(item);
    }
    String type = item.path("type").asText("?");
    return type + (item.has("event") ? " " + item.path("event").asText() : "");
  }

  private OperationRecord apply(int batchIndex, Operation operation) {
    List<PlanViolation> violations = planCheck.check(operation);
    Applied applied = workspace.apply(operation, violations);
    return new OperationRecord(
        batchIndex, operation.describe(), applied.note(), applied.changed(), violations);
  }

  private static String describe(JsonNode item) {
    if (item == null || !item.isObject()) {
      return String.valueOf(item);
    }
    JsonNode action = item.get("action");
    JsonNode type = item.get("type");
    return (type != null ? type.asText() : "?") + " " + (action != null ? action.asText() : "?");
  }

  /** Logs the call before answering it, so a client that got its answer also finds the call in the log. */
  private void respond(Call call, int status, JsonNode body) throws IOException {
    call.status = status;
    byte[] bytes = Exchanges.JSON.writeValueAsBytes(body);
    log(call);
    Exchanges.send(call.exchange, status, "application/json; charset=utf-8", bytes);
  }

  private void log(Call call) {
    if (!call.logged) {
      call.logged = true;
      calls.add(call.record());
    }
  }

  /** v1 error shape: {@code {"meta":{"error": ...}}}. */
  private static ObjectNode meta(String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("meta").put("error", message);
    return body;
  }

  /** v2 error shape: {@code {"errors":[{"reason","field","message"}]}}. */
  private static ObjectNode errors(String reason, String field, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode error = body.putArray("errors").addObject();
    error.put("reason", reason);
    error.put("field", field);
    error.put("message", message);
    return body;
  }

  /** A call being served, collecting what goes into its log record. */
  private static final class Call {
    final HttpExchange exchange;
    final long seq;
    final Instant receivedAt;
    final List<OperationRecord> operations = new ArrayList<>();
    int status;
    long bytes;
    String error;
    boolean logged;

    Call(HttpExchange exchange, long seq, Instant receivedAt) {
      this.exchange = exchange;
      this.seq = seq;
      this.receivedAt = receivedAt;
    }

    CallRecord record() {
      return new CallRecord(
          seq, receivedAt, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), status,
          bytes, operations, error);
    }
  }
}
