package io.trackweave.processor;

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

/**
 * The golden-file check the mapper tests share: the generated mapper sources of a compilation, by binary
 * name, compared with one checked-in file each under a folder, and rewritten there instead when
 * {@code -Dtrackweave.golden.update=true} asks for it.
 */
final class GoldenMappers {
  private GoldenMappers() {}

  /** Generated mapper sources by binary name. */
  static Map<String, String> of(Compilation c) throws IOException {
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

  /** One golden file per mapper and no other, each equal to its mapper's text (rewritten first on request). */
  static void assertMatch(Map<String, String> mappers, Path golden) throws IOException {
    if (Boolean.getBoolean("trackweave.golden.update")) {
      Files.createDirectories(golden);
      try (Stream<Path> old = Files.list(golden)) {
        for (Path p : old.toList()) {
          Files.delete(p);
        }
      }
      for (Map.Entry<String, String> m : mappers.entrySet()) {
        Files.writeString(golden.resolve(m.getKey()), m.getValue(), UTF_8);
      }
    }
    List<String> files;
    try (Stream<Path> list = Files.list(golden)) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files).as("one golden file per generated mapper, and no other")
        .containsExactlyElementsOf(mappers.keySet());
    for (Map.Entry<String, String> m : mappers.entrySet()) {
      assertThat(m.getValue())
          .as(m.getKey() + " (regenerate with -Dtrackweave.golden.update=true if the change is meant)")
          .isEqualTo(Files.readString(golden.resolve(m.getKey()), UTF_8));
    }
  }
}
