package io.trackweave.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.runtime.LogRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExitSafeLoggerTest {
  @AfterEach
  void back() {
    ExitSafeLogger.reset();
  }

  @Test
  void beforeExitRecordsGoToTheNamedSystemLogger() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExitSafeLogger.exitStream(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (LogRecorder log = LogRecorder.runtime()) {
      ExitSafeLogger.get("io.trackweave.runtime").log(Level.WARNING, "Trackweave: {0} call(s)", 3);
      assertThat(log.at(java.util.logging.Level.WARNING)).anySatisfy(e -> assertThat(e.message()).isEqualTo("Trackweave: 3 call(s)"));
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void whileExitingRecordsGoStraightToStandardErrorFormatted() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExitSafeLogger.exitStream(new PrintStream(err, true, StandardCharsets.UTF_8));
    Logger logger = ExitSafeLogger.get("io.trackweave.runtime");
    try (LogRecorder log = LogRecorder.runtime()) {
      ExitSafeLogger.exiting();
      logger.log(Level.ERROR, "Trackweave: Customer.io answered 401");
      logger.log(Level.WARNING, "Trackweave dropped {0} call(s)", 12);
      logger.log(Level.DEBUG, "not shown");
      assertThat(log.entries).as("java.util.logging may be torn down by now").isEmpty();
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("ERROR: Trackweave: Customer.io answered 401", "WARNING: Trackweave dropped 12 call(s)");
    assertThat(logger.isLoggable(Level.DEBUG)).isFalse();
    assertThat(logger.isLoggable(Level.WARNING)).isTrue();
  }

  @Test
  void aRunningJvmIsNotExiting() {
    assertThat(ExitSafeLogger.jvmExiting()).isFalse();
  }
}
