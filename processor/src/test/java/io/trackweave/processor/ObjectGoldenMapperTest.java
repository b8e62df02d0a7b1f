package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
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
 * The generated text of the object mappers of {@link ObjectsTest}'s fixture (identify with the relationship
 * in the same call, identify plus a relationship with attributes of its own, identify without a person,
 * delete by a parameter and by a payload's {@code @ObjectId}, and an object beside an event), compared with the files under
 * {@code src/test/resources/golden-objects/}. To regenerate them on purpose:
 * {@code mvn -pl processor -am verify -Dtest=ObjectGoldenMapperTest -Dtrackweave.golden.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ObjectGoldenMapperTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden-objects");

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
  void everyObjectMapperIsTheGoldenText() throws IOException {
    Compilation c = ObjectsTest.compile();
    assertThat(c).succeededWithoutWarnings();
    Map<String, String> mappers = mappers(c);
    assertThat(mappers).hasSize(6);
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
    assertThat(golden).as("one golden file per generated mapper, and no other")
        .containsExactlyElementsOf(mappers.keySet());
    for (Map.Entry<String, String> m : mappers.entrySet()) {
      assertThat(m.getValue())
          .as(m.getKey() + " (regenerate with -Dtrackweave.golden.update=true if the change is meant)")
          .isEqualTo(Files.readString(GOLDEN.resolve(m.getKey()), UTF_8));
    }
  }
}
