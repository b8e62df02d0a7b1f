package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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

  @Test
  void everyObjectMapperIsTheGoldenText() throws IOException {
    Compilation c = ObjectsTest.compile();
    assertThat(c).succeededWithoutWarnings();
    Map<String, String> mappers = GoldenMappers.of(c);
    assertThat(mappers).hasSize(6);
    GoldenMappers.assertMatch(mappers, GOLDEN);
  }
}
