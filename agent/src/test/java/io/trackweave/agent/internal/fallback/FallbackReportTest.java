package io.trackweave.agent.internal.fallback;

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

  @Test
  void theUnwovenMessageSaysTheyAreNotTrackedAndHowToFixIt() {
    assertThat(FallbackReport.unwovenMessage(List.of("a.B#m()")))
        .contains("1 annotated method(s)")
        .contains("a.B#m()")
        .contains("NOT tracked")
        .contains("trackweave-processor")
        .contains("annotationProcessorPaths")
        .contains("fallback=true");
  }

  @Test
  void eachMethodIsNamedOnce() {
    List<String> warnings = new java.util.ArrayList<>();
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.trackweave.agent");
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        warnings.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      FallbackReport report = FallbackReport.unwoven();
      report.add(List.of("a.B#m()", "a.B#n()"));
      report.add(List.of("a.B#m()")); // the same class again, from another loader: said already
      report.flush();
      report.add(List.of("a.B#n()", "a.C#o()"));
      report.flush();
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("a.B#m(), a.B#n()");
    assertThat(warnings.get(1)).contains("1 annotated method(s)").contains("a.C#o()").doesNotContain("a.B#n()");
  }
}
