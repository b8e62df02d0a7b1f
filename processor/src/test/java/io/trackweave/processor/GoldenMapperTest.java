package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
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

  @Test
  void everyMapperIsTheGoldenText() throws IOException {
    Compilation c = compile();
    assertThat(c).succeededWithoutWarnings();
    Map<String, String> mappers = GoldenMappers.of(c);
    assertThat(mappers).hasSize(10);
    GoldenMappers.assertMatch(mappers, GOLDEN);
  }

  @Test
  void theSameSourcesGenerateTheSameTextByteForByte() throws IOException {
    assertThat(GoldenMappers.of(compile())).isEqualTo(GoldenMappers.of(compile()));
  }
}
