package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The application brings its own, different Byte Buddy, Jackson and OkHttp: both sides keep theirs. */
class ForeignLibrariesIT {
  @Test
  void applicationKeepsItsOwnLibraryVersions() throws Exception {
    List<String> classpath = ShopRun.classpath(ChildJvm.TEST_CLASSES);
    classpath.addAll(foreignJars());

    try (TrackApi api = new TrackApi()) {
      ChildJvm.Result result =
          ChildJvm.java()
              .withAgent(null)
              .classpath(classpath.toArray())
              .property("it.foreign", true)
              .trackApi(api.endpoint())
              .main(ShopRun.SHOP_APP)
              .run()
              .assertOk();

      assertThat(result.output())
          .contains("FOREIGN jackson jackson-databind-" + System.getProperty("it.jackson.version", "2.17.2") + ".jar {\"a\":1}")
          .contains("FOREIGN bytebuddy byte-buddy-" + System.getProperty("it.bytebuddy.version", "1.14.18") + ".jar made true")
          .contains("FOREIGN okhttp " + System.getProperty("it.okhttp.version", "4.12.0") + " true")
          .doesNotContain("FOREIGN failed");
      ShopRun.assertCallsUnchanged(result, false);
      ShopRun.assertTracked(api, result, false);
    }
  }

  private static List<String> foreignJars() throws IOException {
    Path dir = Path.of(System.getProperty("trackweave.it.foreignLibs", "target/it-libs"));
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList();
    }
  }
}
