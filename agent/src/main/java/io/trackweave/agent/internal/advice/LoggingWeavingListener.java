package io.trackweave.agent.internal.advice;

import io.trackweave.agent.internal.fallback.FallbackReport;
import io.trackweave.agent.internal.log.AgentLog;
import java.util.List;

/**
 * Logs weaving problems and errors as warnings, and hands fallback methods to the one fallback warning
 * and unwoven annotated methods to the one "add the processor" warning.
 */
public final class LoggingWeavingListener implements WeavingListener {
  private final FallbackReport fallbackReport;
  private final FallbackReport unwovenReport;

  public LoggingWeavingListener(FallbackReport fallbackReport) {
    this(fallbackReport, FallbackReport.unwoven());
  }

  public LoggingWeavingListener(FallbackReport fallbackReport, FallbackReport unwovenReport) {
    this.fallbackReport = fallbackReport;
    this.unwovenReport = unwovenReport;
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
  public void onUnwoven(String type, List<String> methods) {
    unwovenReport.add(methods);
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
