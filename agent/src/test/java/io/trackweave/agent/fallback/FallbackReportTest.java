package io.trackweave.agent.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackReportTest {
  @Test
  void messageNamesEveryMethod() {
    assertThat(FallbackReport.message(List.of("a.B#m()", "a.C#n(int)")))
        .contains("2 annotated method(s)")
        .contains("a.B#m(), a.C#n(int)")
        .contains("reflective fallback");
  }
}
