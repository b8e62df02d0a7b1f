package io.trackweave.agent.advice;

import io.trackweave.agent.bootstrap.AgentLog;
import io.trackweave.agent.fallback.FallbackReport;
import java.util.List;

/** Logs weaving problems and errors as warnings, and hands fallback methods to the one fallback warning. */
public final class LoggingWeavingListener implements WeavingListener {
  private final FallbackReport fallbackReport;

  public LoggingWeavingListener(FallbackReport fallbackReport) {
    this.fallbackReport = fallbackReport;
  }

  @Override
  public void onWoven(String type, List<String> indexedMethods, List<String> fallbackMethods) {
    if (AgentLog.isDebug()) {
      AgentLog.debug("Trackweave wove " + type + ": " + indexedMethods + " fallback " + fallbackMethods);
    }
    if (!fallbackMethods.isEmpty()) {
      fallbackReport.add(fallbackMethods);
    }
  }

  @Override
  public void onProblem(String type, String problem) {
    AgentLog.warning("Trackweave: " + type + ": " + problem);
  }

  @Override
  public void onError(String type, Throwable error) {
    AgentLog.warning("Trackweave could not weave " + type + "; its calls are not tracked", error);
  }
}
