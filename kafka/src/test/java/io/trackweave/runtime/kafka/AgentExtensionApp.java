package io.trackweave.runtime.kafka;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Trackweave;
import io.trackweave.api.Tracker;

/**
 * The application {@link AgentExtensionIT} packs into an executable jar and starts with {@code java
 * -javaagent:... -jar}: it knows only the annotations' facade, as woven code does, tracks {@code args[0]}
 * events for person {@code shop-1}, and exits (the agent's shutdown hook flushes).
 */
public final class AgentExtensionApp {
  private AgentExtensionApp() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(args[0]);
    // the agent installs its runtime in the background; calls made before it are held and replayed
    for (int n = 0; n < events; n++) {
      Trackweave.tracker().track(Person.identified(IdentifierType.ID, "shop-1"), "checkout_step",
          Fields.builder(1).put("n", n).build(), Tracker.NOW, null);
    }
    Thread.sleep(300);
    System.out.println("TRACKED " + events);
  }
}
