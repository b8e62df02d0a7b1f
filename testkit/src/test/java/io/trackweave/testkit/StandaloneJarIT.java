package io.trackweave.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The shaded jar, run as a user would: {@code java -jar target/trackweave-testkit.jar ...}, on JDK 17 and 25. */
class StandaloneJarIT {
  static final Path JAR = Path.of("target", "trackweave-testkit.jar");

  static Stream<String> javas() {
    List<String> javas = new ArrayList<>();
    javas.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path jdk25 = Path.of(System.getProperty("trackweave.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
    if (Files.isExecutable(jdk25)) {
      javas.add(jdk25.toString());
    }
    return javas.stream();
  }

  static Path plan() throws Exception {
    return Path.of(StandaloneJarIT.class.getResource("/shop-tracking-plan.yaml").toURI());
  }

  @ParameterizedTest
  @MethodSource("javas")
  void servesTheTrackApiAndTheActivityLog(String java) throws Exception {
    Process process = new ProcessBuilder(java, "-jar", JAR.toString(), "--port", "0", "--plan", plan().toString(),
        "--site-id", "site", "--api-key", "secret").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).startsWith("Trackweave Track API emulator listening on http://127.0.0.1:");
      String endpoint = first.substring(first.indexOf("http://"));
      List<String> banner = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        banner.add(out.readLine());
      }
      assertThat(String.join("\n", banner)).contains("plan:         shop-retention v1").doesNotContain("secret");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> identify = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/api/v1/customers/42"))
              .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("site:secret".getBytes(StandardCharsets.UTF_8)))
              .PUT(HttpRequest.BodyPublishers.ofString("{\"email\":\"j@x.io\",\"shoe_size\":44}")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(identify.statusCode()).isEqualTo(200);
      String activity = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/activity")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(activity).contains("\"id\":\"42\"").contains("shoe_size").contains("is not an attribute in plan");
    } finally {
      process.destroy();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aBrokenPlanExits2WithEveryProblem() throws Exception {
    Path broken = Path.of(getClass().getResource("/plans/broken-plan.yaml").toURI());
    Process process = new ProcessBuilder(javas().findFirst().orElseThrow(), "-jar", JAR.toString(), "--plan", broken.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("has 2 problem(s)").contains("broken-plan.yaml:3").contains("BadName");
  }

  @Test
  void badArgumentsExit2WithUsage() throws Exception {
    Process process = new ProcessBuilder(javas().findFirst().orElseThrow(), "-jar", JAR.toString(), "--port", "many")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("--port must be a number, not 'many'").contains("usage: java -jar trackweave-testkit.jar");
  }
}
