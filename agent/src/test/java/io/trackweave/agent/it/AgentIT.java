package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The agent jar in real JVMs (17 and 25), against a stand-in Track API. */
class AgentIT {

  private static ChildJvm.Result runShop(String javaHome, TrackApi api) throws Exception {
    return ChildJvm.java()
        .home(javaHome)
        .withAgent("fallback=true") // LegacyShop has no index entry: tracked only through the fallback
        .classpath(ShopRun.classpath(ChildJvm.TEST_CLASSES, ShopRun.legacyClasses()).toArray())
        .property("it.legacy", ShopRun.LEGACY_CLASS)
        .trackApi(api.endpoint())
        .main(ShopRun.SHOP_APP)
        .run()
        .assertOk();
  }

  private static void assertShop(TrackApi api, ChildJvm.Result result) {
    ShopRun.assertCallsUnchanged(result, true);
    ShopRun.assertTracked(api, result, true);
    // one warning names the method tracked without an index entry
    assertThat(ShopRun.count(result.output(), "reflective fallback")).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("LegacyShop#signUp(java.lang.String, java.lang.String)");
    assertThat(result.output()).doesNotContain("could not weave");
  }

  @Test
  void tracksEveryCallOnJdk17() throws Exception {
    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result = runShop(System.getProperty("java.home"), api);
      assertShop(api, result);
    }
  }

  @Test
  void tracksEveryCallOnJdk25() throws Exception {
    String home = System.getProperty("trackweave.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
    assumeTrue(
        Files.isExecutable(Path.of(home, "bin", "java")),
        "JDK 25 not found at " + home + " (system property trackweave.jdk25.home); the JDK 25 run is skipped");
    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result = runShop(home, api);
      assertShop(api, result);
      // weaving inlines advice, so no class injector (and no sun.misc.Unsafe warning) is involved
      assertThat(result.output()).doesNotContain("sun.misc.Unsafe").doesNotContain("WARNING: A terminally deprecated");
    }
  }

  @Test
  void byDefaultAnAnnotatedMethodWithoutIndexEntryRunsUntrackedAndIsNamedOnce() throws Exception {
    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result =
          ChildJvm.java()
              .withAgent("flush.intervall=1s")
              .classpath(ShopRun.classpath(ChildJvm.TEST_CLASSES, ShopRun.legacyClasses()).toArray())
              .property("it.legacy", ShopRun.LEGACY_CLASS)
              .trackApi(api.endpoint())
              .main(ShopRun.SHOP_APP)
              .run()
              .assertOk();

      ShopRun.assertCallsUnchanged(result, true);
      ShopRun.assertTracked(api, result, false); // the indexed methods are tracked as ever
      assertThat(api.wire()).doesNotContain("signed_up"); // the fallback is off: nothing is guessed
      assertThat(ShopRun.count(result.output(), "are NOT tracked")).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .contains("LegacyShop#signUp(java.lang.String, java.lang.String)")
          .contains("trackweave-processor")
          .doesNotContain("reflective fallback");
      // an unknown agent argument is named, once
      assertThat(ShopRun.count(result.output(), "flush.intervall")).as(result.output()).isEqualTo(1);
    }
  }

  @Test
  void offSwitchLeavesTheApplicationAloneAndAKeyOnTheCommandLineIsWarnedAbout() throws Exception {
    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result =
          ChildJvm.java()
              .withAgent("enabled=false,api.key=cmdline-secret-value")
              .classpath(ShopRun.classpath(ChildJvm.TEST_CLASSES).toArray())
              .trackApi(api.endpoint())
              .main(ShopRun.SHOP_APP)
              .run()
              .assertOk();

      ShopRun.assertCallsUnchanged(result, false);
      assertThat(result.output()).contains("TRACKER Tracker.NOOP");
      assertThat(result.output()).contains("api.key' carries a secret on the command line");
      assertThat(result.output()).contains("disabled (enabled=false)");
      assertThat(result.output()).doesNotContain("cmdline-secret-value");
      assertThat(api.requestLines).isEmpty();
    }
  }
}
