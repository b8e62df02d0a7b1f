package io.trackweave.testkit.internal.http;

import java.util.List;

/**
 * The Track API and Data Pipelines API endpoints the emulator serves, matched on method and decoded path
 * segments. The Pipelines API's live under {@code /v1/} ({@code /v1/batch}, {@code /v1/identify}, ...),
 * the Track API's under {@code /api/}.
 */
enum Route {
  V1_IDENTIFY,
  V1_DELETE,
  V1_TRACK,
  V1_TRACK_ANONYMOUS,
  V1_ADD_DEVICE,
  V1_DELETE_DEVICE,
  V1_SUPPRESS,
  V1_UNSUPPRESS,
  V1_MERGE,
  V1_REGION,
  V2_ENTITY,
  V2_BATCH,
  PIPELINES_CALL,
  PIPELINES_BATCH,
  METHOD_NOT_ALLOWED,
  NOT_FOUND;

  boolean isV2() {
    return this == V2_ENTITY || this == V2_BATCH;
  }

  boolean isPipelines() {
    return this == PIPELINES_CALL || this == PIPELINES_BATCH;
  }

  /** The Pipelines API's single-call endpoints: the call type each one carries. */
  static final List<String> PIPELINES_CALLS = List.of("identify", "track", "page", "screen", "group", "alias");

  static Route of(String method, List<String> p) {
    int n = p.size();
    if (n == 2 && p.get(0).equals("v1")) {
      if (p.get(1).equals("batch")) {
        return method.equals("POST") ? PIPELINES_BATCH : METHOD_NOT_ALLOWED;
      }
      if (PIPELINES_CALLS.contains(p.get(1))) {
        return method.equals("POST") ? PIPELINES_CALL : METHOD_NOT_ALLOWED;
      }
      return NOT_FOUND;
    }
    if (n < 3 || !p.get(0).equals("api")) {
      return NOT_FOUND;
    }
    String version = p.get(1);
    if (version.equals("v2") && n == 3) {
      return switch (p.get(2)) {
        case "entity" -> method.equals("POST") ? V2_ENTITY : METHOD_NOT_ALLOWED;
        case "batch" -> method.equals("POST") ? V2_BATCH : METHOD_NOT_ALLOWED;
        default -> NOT_FOUND;
      };
    }
    if (!version.equals("v1")) {
      return NOT_FOUND;
    }
    String resource = p.get(2);
    if (n == 3 && resource.equals("events")) {
      return method.equals("POST") ? V1_TRACK_ANONYMOUS : METHOD_NOT_ALLOWED;
    }
    if (n == 3 && resource.equals("merge_customers")) {
      return method.equals("POST") ? V1_MERGE : METHOD_NOT_ALLOWED;
    }
    if (n == 4 && resource.equals("accounts") && p.get(3).equals("region")) {
      return method.equals("GET") ? V1_REGION : METHOD_NOT_ALLOWED;
    }
    if (!resource.equals("customers") || n < 4 || p.get(3).isEmpty()) {
      return NOT_FOUND;
    }
    if (n == 4) {
      return switch (method) {
        case "PUT" -> V1_IDENTIFY;
        case "DELETE" -> V1_DELETE;
        default -> METHOD_NOT_ALLOWED;
      };
    }
    String sub = p.get(4);
    if (n == 5) {
      return switch (sub) {
        case "events" -> method.equals("POST") ? V1_TRACK : METHOD_NOT_ALLOWED;
        case "devices" -> method.equals("PUT") ? V1_ADD_DEVICE : METHOD_NOT_ALLOWED;
        case "suppress" -> method.equals("POST") ? V1_SUPPRESS : METHOD_NOT_ALLOWED;
        case "unsuppress" -> method.equals("POST") ? V1_UNSUPPRESS : METHOD_NOT_ALLOWED;
        default -> NOT_FOUND;
      };
    }
    if (n == 6 && sub.equals("devices")) {
      return method.equals("DELETE") ? V1_DELETE_DEVICE : METHOD_NOT_ALLOWED;
    }
    return NOT_FOUND;
  }
}
