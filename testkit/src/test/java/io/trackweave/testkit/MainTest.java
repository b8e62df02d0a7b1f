package io.trackweave.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void readsEveryOption() throws Exception {
    Main.Options o = Main.parse(new String[] {"--port", "9001", "--plan", "p.yaml", "--site-id", "s", "--api-key=k",
        "--host", "127.0.0.1", "--max-events", "5"});
    assertThat(o.port).isEqualTo(9001);
    assertThat(o.plan).isEqualTo(Path.of("p.yaml"));
    assertThat(o.siteId).isEqualTo("s");
    assertThat(o.apiKey).isEqualTo("k");
    assertThat(o.apiKeyGiven).isTrue();
    assertThat(o.host).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(o.maxEvents).isEqualTo(5);
  }

  @Test
  void defaultsSuitTheDemo() throws Exception {
    Main.Options o = Main.parse(new String[0]);
    assertThat(o.port).isEqualTo(8099);
    assertThat(o.plan).isNull();
    assertThat(o.host.isLoopbackAddress()).isTrue();
    assertThat(o.siteId).isEqualTo(TrackApiEmulator.DEFAULT_SITE_ID);
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertThatThrownBy(() -> Main.parse(new String[] {"--port", "x"})).hasMessage("--port must be a number, not 'x'");
    assertThatThrownBy(() -> Main.parse(new String[] {"--port", "70000"})).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> Main.parse(new String[] {"--plan"})).hasMessage("--plan needs a value");
    assertThatThrownBy(() -> Main.parse(new String[] {"--plan", "--port", "1"})).hasMessage("--plan needs a value");
    assertThatThrownBy(() -> Main.parse(new String[] {"--verbose"})).hasMessage("unknown argument '--verbose'");
    assertThatThrownBy(() -> Main.parse(new String[] {"--site-id="})).hasMessage("--site-id must not be empty");
  }

  @Test
  void aPlanWithErrorsPrintsEveryProblemAndExits2() throws Exception {
    Main.Options o = Main.parse(new String[] {"--port", "0", "--plan",
        Path.of(getClass().getResource("/plans/broken-plan.yaml").toURI()).toString()});
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(o, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("has 2 problem(s)").contains("identifier").contains("BadName");
  }

  @Test
  void aMissingPlanFileIsReported() throws Exception {
    Main.Options o = Main.parse(new String[] {"--plan", "does/not/exist.yaml"});
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Main.run(o, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("exist.yaml").contains("no such file");
  }
}
