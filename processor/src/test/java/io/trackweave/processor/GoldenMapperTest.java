package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated text of one mapper per shape (identify, update-only identify, a scalar event, a payload with
 * a list of records and a dedupe key, an event on throw, an async method, identify and track on one method,
 * an event on return and throw, a Java-style enum, a String checked against the plan's enum), compared with
 * the files under {@code src/test/resources/golden/}: a change to the generator shows up as a reviewable diff
 * of those files. To regenerate them on purpose:
 * {@code mvn -pl processor -am verify -Dtest=GoldenMapperTest -Dtrackweave.golden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GoldenMapperTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Compilation compile() {
    return Harness.compile(Harness.SHOP_PLAN, Harness.plus(Harness.shop(),
        JavaFileObjects.forResource("golden-input/com/shop/Subscriptions.java")));
  }

  /** Generated mapper sources by binary name. */
  private static Map<String, String> mappers(Compilation c) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject file : c.generatedSourceFiles()) {
      String path = file.toUri().getPath();
      if (path.endsWith("_TrackweaveMapper.java")) {
        String name = path.substring(path.indexOf("/SOURCE_OUTPUT/") + "/SOURCE_OUTPUT/".length()).replace('/', '.');
        out.put(name, file.getCharContent(true).toString());
      }
    }
    return out;
  }

  @Test
  void everyMapperIsTheGoldenText() throws IOException {
    Compilation c = compile();
    assertThat(c).succeededWithoutWarnings();
    Map<String, String> mappers = mappers(c);
    assertThat(mappers).hasSize(10);
    if (Boolean.getBoolean("trackweave.golden.update")) {
      Files.createDirectories(GOLDEN);
      try (Stream<Path> old = Files.list(GOLDEN)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      for (Map.Entry<String, String> m : mappers.entrySet()) {
        Files.writeString(GOLDEN.resolve(m.getKey()), m.getValue(), UTF_8);
      }
    }
    List<String> golden;
    try (Stream<Path> files = Files.list(GOLDEN)) {
      golden = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(golden).as("one golden file per generated mapper, and no other").containsExactlyElementsOf(mappers.keySet());
    for (Map.Entry<String, String> m : mappers.entrySet()) {
      assertThat(m.getValue()).as(m.getKey() + " (regenerate with -Dtrackweave.golden.update=true if the change is meant)")
          .isEqualTo(Files.readString(GOLDEN.resolve(m.getKey()), UTF_8));
    }
  }

  @Test
  void theSameSourcesGenerateTheSameTextByteForByte() throws IOException {
    assertThat(mappers(compile())).isEqualTo(mappers(compile()));
  }
}
