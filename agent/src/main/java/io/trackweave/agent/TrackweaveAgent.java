package io.trackweave.agent;

import io.trackweave.agent.internal.bootstrap.AgentArguments;
import io.trackweave.agent.internal.bootstrap.AgentExtensions;
import io.trackweave.agent.internal.bootstrap.BufferingTracker;
import io.trackweave.agent.internal.bootstrap.RuntimeStarter;
import io.trackweave.agent.internal.log.AgentLog;
import io.trackweave.agent.internal.transform.IndexedClassTransformer;
import io.trackweave.agent.internal.transform.Weaving;
import io.trackweave.api.Trackweave;
import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point ({@code -javaagent:trackweave-agent.jar[=key=value,...]}).
 *
 * <p>Start-up is budgeted: premain only parses its arguments, installs a buffering tracker and registers
 * one small transformer. The weaver (plain ASM, no Byte Buddy type model) is loaded when the first class
 * named by a {@code META-INF/trackweave/index} (or carrying a tracking annotation) appears, and the
 * runtime (OkHttp, Jackson) is started on a daemon thread the first time something needs it.
 */
public final class TrackweaveAgent {
  private TrackweaveAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attachedLate) {
    try {
      AgentArguments arguments = AgentArguments.parse(agentArgs);
      for (String problem : arguments.problems()) {
        AgentLog.warning(problem);
      }
      if (!arguments.enabled()) {
        AgentLog.info("Trackweave agent is disabled (enabled=false): nothing is woven or sent");
        return;
      }
      // before anything can start the runtime: its ServiceLoader must see the extensions' transports
      for (String problem : AgentExtensions.append(arguments.extensions(), instrumentation)) {
        AgentLog.warning(problem);
      }
      RuntimeStarter starter = new RuntimeStarter(arguments.settings());
      starter.warmUpFirst(new WarmUpWeaver());
      BufferingTracker buffer = new BufferingTracker(arguments.bufferCapacity(), starter);
      starter.bind(buffer);
      Trackweave.install(buffer);
      IndexedClassTransformer transformer =
          new IndexedClassTransformer(arguments.exclusions(), arguments.fallback(), starter);
      instrumentation.addTransformer(transformer, attachedLate);
      if (attachedLate) {
        transformer.retransformLoaded(instrumentation);
      }
    } catch (Throwable t) {
      // the agent must never stop the application from starting
      AgentLog.error("Trackweave agent failed to start; the application runs untracked", t);
    }
  }

  // a class, not a lambda: the first lambda of a JVM boots java.lang.invoke, which premain cannot afford
  private static final class WarmUpWeaver implements Runnable {
    @Override
    public void run() {
      Weaving.warmUp();
    }
  }
}
