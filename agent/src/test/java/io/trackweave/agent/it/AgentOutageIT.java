package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing lost" as a user meets it: an ordinary application with {@code -javaagent} and default
 * settings (credentials and endpoint only; no spool setting at all), against a Track API that refuses
 * connections for a while. Each test counts what arrives by event id: every accepted call exactly once.
 * The JVM's {@code user.home} is a fresh folder, so the default spool directory is this test's own.
 */
class AgentOutageIT {
  private static final String BURST_APP = "io.trackweave.agent.it.app.BurstApp";

  @TempDir Path home;

  @Test
  void aKillDuringAnOutageLosesNothingOnceTheAppStartsAgain() throws Exception {
    try (CountingTrackApi api = new CountingTrackApi()) {
      killDuringTheOutageThenRestart(api, false);
    }
  }

  /**
   * A Track API that takes the connection and never answers (a hung load balancer, a stuck server):
   * no request fails before {@code read.timeout} (30 s), and the app is killed well before that, so
   * only the memory bound (queued calls) and the cancelling of unanswered requests (the calls in them)
   * can have put the calls on disk.
   */
  @Test
  void aKillWhileTheApiTakesConnectionsAndNeverAnswersLosesNothingOnceTheAppStartsAgain() throws Exception {
    try (CountingTrackApi api = new CountingTrackApi().hang()) {
      killDuringTheOutageThenRestart(api, true);
      assertThat(api.connectionsHeld.get()).as("the first run's requests reached the hung server").isPositive();
    }
  }

  /**
   * The app makes its calls during the outage and is killed (SIGKILL: no hook, no flush) once its
   * spool has stopped growing (with a hung server: once it said it cancelled the unanswered requests,
   * {@code connect.timeout} = 10 s after they began). Started again with the API up, it delivers every
   * call exactly once.
   */
  private void killDuringTheOutageThenRestart(CountingTrackApi api, boolean hangs) throws Exception {
    int calls = 20_000;
    Child first = start(api, calls, "o-", true);
    first.awaitLine("ACCEPTED", Duration.ofSeconds(30));
    boolean cancelled = hangs && awaitOutput(first, CANCELLED_UNANSWERED, Duration.ofSeconds(20));
    boolean settled = awaitSpoolSettled(Duration.ofSeconds(hangs ? 5 : 20));
    first.kill(); // with a hung server: before the first request's read.timeout (30 s) could fail it
    String firstOutput = first.output();

    api.comeUp();
    Child second = start(api, 0, "none-", true);
    boolean all = api.await(() -> api.unique() >= calls, Duration.ofSeconds(60));
    second.stop();
    String outputs = firstOutput + "\n--- restart ---\n" + second.output();
    System.out.println((hangs ? "kill while the API never answers: " : "kill during outage: ") + api.describe());
    assertThat(all).as(api.describe() + "\n" + outputs).isTrue();
    assertThat(api.missing("o-", calls)).as(outputs).isZero();
    assertThat(api.capturedTwice()).isZero();
    assertThat(api.unique()).isEqualTo(calls);
    assertThat(second.exitCode()).as(outputs).isZero();
    assertThat(settled).as("segments on disk at the kill\n" + outputs).isTrue();
    if (hangs) {
      assertThat(cancelled).as(outputs).isTrue();
    }
  }

  private static final String CANCELLED_UNANSWERED = "Trackweave: Customer.io took the connection but has not answered";

  private static boolean awaitOutput(Child child, String text, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!child.output().contains(text)) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /**
   * Waits (at most {@code timeout}) until the spool holds segments and their size has not changed for
   * 3 s (the memory bound and the spool's write interval, with room for a loaded machine). False when
   * no segment appeared in time.
   */
  private boolean awaitSpoolSettled(Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    long size = -1;
    long steadySince = System.nanoTime();
    while (System.nanoTime() - end < 0) {
      long now = spoolBytes();
      if (now != size) {
        size = now;
        steadySince = System.nanoTime();
      } else if (now > 0 && System.nanoTime() - steadySince >= TimeUnit.SECONDS.toNanos(3)) {
        return true;
      }
      Thread.sleep(100);
    }
    return size > 0;
  }

  private long spoolBytes() throws IOException {
    long bytes = 0;
    for (Path p : spoolFiles()) {
      try {
        bytes += Files.size(p);
      } catch (IOException e) {
        // a segment removed meanwhile
      }
    }
    return bytes;
  }

  @Test
  void fiftyThousandCallsThroughAFifteenSecondOutageAllArriveOnce() throws Exception {
    int calls = 50_000;
    try (CountingTrackApi api = new CountingTrackApi()) {
      long started = System.nanoTime();
      Child app = start(api, calls, "o-", true);
      app.awaitLine("ACCEPTED", Duration.ofSeconds(30));
      long outageLeft = TimeUnit.SECONDS.toNanos(15) - (System.nanoTime() - started);
      if (outageLeft > 0) {
        TimeUnit.NANOSECONDS.sleep(outageLeft);
      }
      api.comeUp();
      boolean all = api.await(() -> api.unique() >= calls, Duration.ofSeconds(60));
      app.stop();
      System.out.println("15 s outage: " + api.describe());
      assertThat(all).as(api.describe() + "\n" + app.output()).isTrue();
      assertThat(api.missing("o-", calls)).isZero();
      assertThat(api.capturedTwice()).isZero();
      assertThat(app.exitCode()).as(app.output()).isZero();
      assertThat(app.output()).doesNotContain("dropped").contains("unreachable");
    }
  }

  /**
   * The guarantee for a JVM that exits right after its calls: each call is delivered before the exit
   * (within {@code shutdown.timeout}) or kept in the spool, and then delivered by the next start of the
   * same app; never lost, never sent twice. On a loaded machine the first run may not finish in time;
   * what it keeps must arrive from the second.
   */
  @Test
  void aShortLivedJvmDeliversCallsMadeInItsFirstMillisecondsOrKeepsThemForItsNextStart() throws Exception {
    int calls = 50_000;
    try (CountingTrackApi api = new CountingTrackApi().comeUp()) {
      Child app = start(api, calls, "o-", false);
      app.awaitExit(Duration.ofSeconds(60));
      String outputs = app.output();
      assertThat(app.exitCode()).as(outputs).isZero();
      long beforeExit = api.unique();
      long keptBytes = spoolBytes();
      if (beforeExit < calls) {
        // not all delivered in time: the rest must be on disk, and the closing line must say so
        assertThat(keptBytes).as("kept in the spool for the next start\n" + outputs).isPositive();
        assertThat(outputs).contains("keeps").contains("bytes of calls for the next start");
        Child again = start(api, 0, "none-", true);
        api.await(() -> api.unique() >= calls, Duration.ofSeconds(60));
        again.stop();
        outputs += "\n--- next start ---\n" + again.output();
        assertThat(again.exitCode()).as(outputs).isZero();
      }
      System.out.println("short-lived JVM: " + beforeExit + " delivered before exit, " + keptBytes
          + " bytes kept; in all " + api.describe());
      assertThat(api.missing("o-", calls)).as(api.describe() + "\n" + outputs).isZero();
      assertThat(api.unique()).as("no call under a second event id").isEqualTo(calls);
      assertThat(api.capturedTwice()).isZero();
      assertThat(outputs).doesNotContain("dropped");
    }
  }

  @Test
  void aOneSecondJvmWithAWrongKeySaysSoBeforeItExits() throws Exception {
    try (CountingTrackApi api = new CountingTrackApi().status(401).comeUp()) {
      Child app = start(api, 1, "o-", false);
      app.awaitExit(Duration.ofSeconds(60));
      String out = app.output();
      assertThat(app.exitCode()).as(out).isZero();
      assertThat(out).contains("401 Unauthorized: check CUSTOMERIO_SITE_ID and CUSTOMERIO_API_KEY");
      assertThat(out).contains("Trackweave closed: 0 delivered; 1 rejected {unauthorized=1}");
      assertThat(out).doesNotContain("key-it-secret");
      // the start-up line: where calls go, which API, where undelivered calls are kept, what was woven
      assertThat(out).contains("Trackweave sends to " + api.endpoint() + " (endpoint), Track API v2;"
          + " undelivered calls are kept in disk spool " + home.resolve(".trackweave/spool"));
      assertThat(out).containsPattern("Trackweave agent: [1-9]\\d* tracked method\\(s\\)");
    }
  }

  @Test
  void aShortLivedJvmThatDropsCallsSaysHowManyAndWhyBeforeItExits() throws Exception {
    // memory-only on purpose and a queue of 100: the calls beyond it are dropped as queue_full
    try (CountingTrackApi api = new CountingTrackApi().comeUp()) {
      Child app = start(api, 5_000, "o-", false,
          Map.of("TRACKWEAVE_SPOOL_ENABLED", "false", "TRACKWEAVE_QUEUE_MAX_OPERATIONS", "100"));
      app.awaitExit(Duration.ofSeconds(60));
      String out = app.output();
      assertThat(app.exitCode()).as(out).isZero();
      assertThat(out).containsPattern("Trackweave closed: " + api.unique() + " delivered; "
          + (5_000 - api.unique()) + " dropped \\{queue_full=" + (5_000 - api.unique()) + "}");
      assertThat(api.unique()).isBetween(1L, 4_999L);
    }
  }

  // ---- a child JVM that runs beside the test ----

  private List<Path> spoolFiles() throws IOException {
    Path spool = home.resolve(".trackweave/spool");
    if (!Files.isDirectory(spool)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(spool)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("spool.lock")).toList();
    }
  }

  /** The app with the agent and default settings: where to send and who we are, nothing else. */
  private Child start(CountingTrackApi api, int calls, String prefix, boolean waitForStop) throws IOException {
    return start(api, calls, prefix, waitForStop, Map.of());
  }

  private Child start(CountingTrackApi api, int calls, String prefix, boolean waitForStop, Map<String, String> env)
      throws IOException {
    Files.createDirectories(ChildJvm.WORK);
    Path stop = Files.createTempFile(ChildJvm.WORK, "outage-", ".stop");
    Files.delete(stop);
    ChildJvm jvm = ChildJvm.java()
        .withAgent(null)
        .property("user.home", home)
        .property("it.calls", calls)
        .property("it.prefix", prefix)
        .classpath(ShopRun.classpath(ChildJvm.TEST_CLASSES).toArray())
        .env("TRACKWEAVE_ENDPOINT", api.endpoint())
        .env("CUSTOMERIO_SITE_ID", "site-it")
        .env("CUSTOMERIO_API_KEY", "key-it-secret")
        .main(BURST_APP);
    env.forEach(jvm::env);
    if (waitForStop) {
      jvm.property("it.stopFile", stop);
    }
    return new Child(jvm.start(), stop);
  }

  /** A running app, and the file whose appearance lets it return from main. */
  private record Child(ChildJvm.Running jvm, Path stopFile) {
    String output() throws IOException {
      return jvm.output();
    }

    void awaitLine(String prefix, Duration timeout) throws Exception {
      jvm.awaitLine(prefix, timeout);
    }

    void kill() throws InterruptedException {
      jvm.kill();
    }

    /** Lets the app return from main (a normal exit: hooks run). */
    void stop() throws Exception {
      Files.writeString(stopFile, "stop");
      jvm.awaitExit(Duration.ofSeconds(30));
    }

    void awaitExit(Duration timeout) throws Exception {
      jvm.awaitExit(timeout);
    }

    int exitCode() {
      return jvm.exitCode();
    }
  }
}
