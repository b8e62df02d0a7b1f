package io.trackweave.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.api.Fields;
import io.trackweave.api.IdentifierType;
import io.trackweave.api.Person;
import io.trackweave.runtime.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolConfigTest {
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void withoutAUsableSpoolFolderItSaysSoOnceAtErrorAndRunsMemoryOnly(@TempDir Path dir) throws Exception {
    // a file where the folder should be: no folder can be made there, as on a read-only file system
    Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
    server.enqueue(TestSupport.ok());
    try (LogRecorder log = LogRecorder.runtime();
        TrackweaveRuntime runtime = TrackweaveRuntime.create(
            TestSupport.config(server).spoolEnabled(true).spoolDir(notAFolder).build())) {
      assertThat(runtime.isEnabled()).isTrue();
      runtime.track(Person.identified(IdentifierType.ID, "1"), "viewed", Fields.EMPTY);
      assertThat(runtime.flush(Duration.ofSeconds(10)).delivered()).isEqualTo(1);
      assertThat(log.at(Level.SEVERE)).singleElement()
          .satisfies(e -> assertThat(e.message()).contains("no disk spool").contains("running memory-only"));
      assertThat(log.entries).anySatisfy(e -> assertThat(e.message()).contains("memory only (no spool)"));
    }
  }
  @Test
  void spoolSettingsHaveOneNameInEveryFormAndSafeDefaults() {
    TrackweaveConfig defaults = TrackweaveConfig.load(Map.of(), Map.of(), Map.of());
    assertThat(defaults.spoolEnabled()).isTrue(); // on by default; spool.enabled=false opts out
    assertThat(defaults.spoolDir()).isNull();
    assertThat(defaults.spoolMaxBytes()).isEqualTo(1L << 30);
    assertThat(defaults.spoolFsync()).isEqualTo(FsyncPolicy.INTERVAL);
    assertThat(defaults.spoolFsyncInterval()).isEqualTo(Duration.ofSeconds(1));

    TrackweaveConfig c = TrackweaveConfig.load(
        Map.of("TRACKWEAVE_SPOOL_ENABLED", "true", "TRACKWEAVE_SPOOL_FSYNC", "never"),
        Map.of("trackweave.spool.max.bytes", "64m", "trackweave.spool.fsync", "always"),
        Map.of("spool.dir", "/var/spool/tw", "spool.fsync.interval", "250ms"));
    assertThat(c.spoolEnabled()).isTrue();
    assertThat(c.spoolFsync()).isEqualTo(FsyncPolicy.ALWAYS); // the property wins over the environment
    assertThat(c.spoolMaxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.spoolDir()).isEqualTo(Path.of("/var/spool/tw"));
    assertThat(c.spoolFsyncInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.problems()).isEmpty();

    TrackweaveConfig bad = TrackweaveConfig.load(Map.of(), Map.of(), Map.of("spool.fsync", "sometimes", "spool.max.bytes", "10"));
    assertThat(bad.spoolFsync()).isEqualTo(FsyncPolicy.INTERVAL);
    assertThat(bad.spoolMaxBytes()).isEqualTo(1L << 30);
    assertThat(bad.problems()).hasSize(2);
  }

  @Test
  void anEnabledRuntimeOpensTheSpoolWithoutBeingAsked(@TempDir Path dir) {
    TrackweaveConfig c = TrackweaveConfig.loadBuilder(Map.of(), Map.of(), Map.of("spool.dir", dir.toString()))
        .siteId("s").apiKey("k").endpoint("http://127.0.0.1:9").jmx(false).name("spool-default").build();
    assertThat(c.problems()).isEmpty();
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(c)) {
      assertThat(runtime.isEnabled()).isTrue();
      assertThat(dir.resolve("spool.lock")).exists(); // the spool is open and locked
    }
  }

  @Test
  void spoolEnabledFalseIsTheOptOutEvenWithADirectory(@TempDir Path dir) {
    TrackweaveConfig c = TrackweaveConfig.loadBuilder(Map.of(), Map.of(),
            Map.of("spool.dir", dir.resolve("off").toString(), "spool.enabled", "false"))
        .siteId("s").apiKey("k").endpoint("http://127.0.0.1:9").jmx(false).name("spool-off").build();
    assertThat(c.spoolEnabled()).isFalse();
    assertThat(c.problems()).singleElement().asString().contains("spool.dir is set but spool.enabled=false");
    try (TrackweaveRuntime runtime = TrackweaveRuntime.create(c)) {
      assertThat(dir.resolve("off")).doesNotExist();
    }
  }
}
