package io.trackweave.testkit.internal.http;

import io.trackweave.testkit.Limits;
import static io.trackweave.testkit.internal.http.ErrorBodies.meta;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.trackweave.testkit.faults.Fault;
import io.trackweave.testkit.faults.Faults;
import io.trackweave.testkit.internal.activity.CallLog;
import io.trackweave.testkit.internal.check.PlanCheck;
import io.trackweave.testkit.internal.model.Workspace;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The emulator's API server entry: takes every call to the Track API ({@code /api/}, {@link TrackApiEndpoints})
 * and the Data Pipelines API ({@code /v1/}, {@link PipelinesEndpoints}), applies the injected faults, routes it,
 * checks its Basic auth, and hands it on. Whatever happens, even a bug or a client that hung up, the call is
 * logged and the server keeps serving.
 */
public final class TrackApiHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(TrackApiHandler.class.getName());

  private final Faults faults;
  private final CallLog calls;
  private final BasicAuth auth;
  private final BasicAuth pipelinesAuth;
  private final Clock clock;
  private final TrackApiEndpoints trackApi;
  private final PipelinesEndpoints pipelines;

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
    this.faults = faults;
    this.calls = calls;
    this.auth = auth;
    this.clock = clock;
    OperationApplier applier = new OperationApplier(workspace, planCheck);
    this.trackApi = new TrackApiEndpoints(applier, limits);
    this.pipelines = new PipelinesEndpoints(applier, limits);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Call call = new Call(exchange, calls.nextSeq(), clock.instant(), calls);
    try {
      serve(call);
    } catch (IOException | RuntimeException e) {
      // a client that hung up, or a bug: either way the call is logged, and the server keeps serving
      LOG.log(System.Logger.Level.DEBUG, "call " + call.seq + " failed", e);
      call.error = "emulator error: " + e;
      if (call.status == 0 && !call.logged()) {
        try {
          call.respond(500, meta("emulator error: " + e.getClass().getSimpleName()));
        } catch (IOException | RuntimeException ignored) {
          // the connection is gone
        }
      }
    } finally {
      call.log();
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
      call.log();
      // closing an exchange before any response header closes the socket: the client sees no answer
      exchange.close();
      return;
    }
    if (fault instanceof Fault.Status status) {
      call.error = "injected fault: " + status;
      if (status.retryAfter() != null) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(status.retryAfter().toSeconds()));
      }
      call.respond(status.status(), meta("injected fault (status " + status.status() + ")"));
      return;
    }
    List<String> path = PathCodec.segments(exchange.getRequestURI().getRawPath());
    String method = exchange.getRequestMethod();
    Route route = Route.of(method, path);
    if (route == Route.NOT_FOUND) {
      call.error = "no such endpoint";
      call.respond(404, meta("no such Track API endpoint: " + method + " " + exchange.getRequestURI().getRawPath()));
      return;
    }
    if (route == Route.METHOD_NOT_ALLOWED) {
      call.error = "method not allowed";
      call.respond(405, meta("method " + method + " is not allowed here"));
      return;
    }
    boolean strict = "1".equals(exchange.getRequestHeaders().getFirst("X-Strict-Mode"));
    if (route.isPipelines()) {
      if (pipelinesAuth == null || !pipelinesAuth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
        call.error = "unauthorized: wrong or missing Basic credentials (Pipelines API key as user name, empty password)";
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Pipelines API\"");
        call.respond(401, ErrorBodies.metaErrors(List.of("Unauthorized request")));
        return;
      }
      pipelines.serve(call, route, path.get(1), strict);
      return;
    }
    if (!auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
      call.error = "unauthorized: wrong or missing Basic credentials (site id : API key)";
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Track API\"");
      call.respond(401, meta("Unauthorized request"));
      return;
    }
    trackApi.serve(call, route, path);
  }
}
