package io.trackweave.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.api.Tracker;
import io.trackweave.api.Trackweave;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/** Runs small test classes through the real JUnit engine to check how the extension behaves in them. */
class TrackApiExtensionLifecycleTest {

  @Test
  void aBrokenPlanFailsTheTestsWithEveryProblem() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(BrokenPlan.class)).execute()
        .containerEvents()
        .assertThatEvents()
        .haveExactly(1, EventConditions.finishedWithFailure(
            TestExecutionResultConditions.instanceOf(ExtensionConfigurationException.class),
            TestExecutionResultConditions.message(m -> m.contains("has 2 problem(s)") && m.contains("BadName")
                && m.contains("identifier"))));
  }

  @Test
  void anInstanceFieldGivesEachTestItsOwnEmulator() {
    var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerTest.class)).execute();
    results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    assertThat(PerTest.ports).hasSize(2).doesNotHaveDuplicates();
    // each test's runtime spooled into a folder of its own, deleted after it: nothing replays into the next
    assertThat(PerTest.spools).hasSize(2).doesNotContainNull()
        .allSatisfy(dir -> assertThat(dir).doesNotExist());
    assertThat(Trackweave.tracker()).as("uninstalled after the tests").isSameAs(Tracker.NOOP);
  }

  @Test
  void withoutRuntimeLeavesTheTrackerAlone() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoRuntime.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
  }

  // ---- the classes run through the engine (not run directly: they are nested and not named *Test) ----

  static class BrokenPlan {
    @RegisterExtension static TrackApiExtension api = TrackApiExtension.withPlan("plans/broken-plan.yaml");

    @Test
    void never() {}
  }

  static class PerTest {
    static final java.util.Set<Integer> ports = new java.util.concurrent.ConcurrentSkipListSet<>();
    static final java.util.Set<java.nio.file.Path> spools = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @RegisterExtension TrackApiExtension api = TrackApiExtension.create();

    @Test
    void one() {
      ports.add(api.emulator().port());
      spools.add(api.runtime().config().spoolDir());
      Trackweave.tracker().identify(Person.identified(IdentifierType.ID, "1"), Fields.EMPTY, false);
      api.assertThat().identified("1").exists();
    }

    @Test
    void two() {
      ports.add(api.emulator().port());
      spools.add(api.runtime().config().spoolDir());
      api.assertThat().identified("1").doesNotExist();
    }
  }

  static class NoRuntime {
    @RegisterExtension static TrackApiExtension api = TrackApiExtension.create().withoutRuntime();

    @Test
    void emulatorOnly() {
      assertThat(api.runtime()).isNull();
      assertThat(Trackweave.tracker()).isSameAs(Tracker.NOOP);
      assertThat(api.emulator().url()).isNotNull();
    }
  }
}
