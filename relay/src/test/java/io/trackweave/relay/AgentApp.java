package io.trackweave.relay;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Trackweave;

/**
 * An application run with {@code -javaagent} by {@link AgentKafkaIT}: it knows only the annotations'
 * facade, as woven code does, and tracks {@code args[0]} events for person {@code agent-1}, then exits
 * (the agent's shutdown hook flushes).
 */
public final class AgentApp {
  private AgentApp() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(args[0]);
    // the agent installs its runtime in the background; calls before it are buffered
    for (int n = 0; n < events; n++) {
      Trackweave.tracker().track(Person.identified(IdentifierType.ID, "agent-1"), "agent_step",
          Fields.builder(1).put("n", n).build(), io.trackweave.api.Tracker.NOW, null);
    }
    Thread.sleep(500);
    System.out.println("TRACKED " + events);
  }
}
