package io.trackweave.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Trackweave;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeStarterTest {
  @Test
  void anApplicationInstalledTrackerIsUsedInsteadOfStartingASecondRuntime() throws Exception {
    try (RecordingTracker appOwn = RecordingTracker.install()) {
      RuntimeStarter starter = new RuntimeStarter(Map.of());
      BufferingTracker buffer = new BufferingTracker(10, () -> {});
      starter.bind(buffer);
      buffer.track(Person.identified(IdentifierType.ID, "ana"), "held", Fields.EMPTY, 1L, null);
      Trackweave.install(appOwn); // the application installs its own runtime before the agent's starts

      starter.startOnce();

      assertThat(starter.awaitStarted(Duration.ofSeconds(10))).isTrue();
      assertThat(Trackweave.tracker()).isSameAs(appOwn);
      assertThat(appOwn.calls).extracting(RecordingTracker.Call::name).containsExactly("held");
    }
  }
}
