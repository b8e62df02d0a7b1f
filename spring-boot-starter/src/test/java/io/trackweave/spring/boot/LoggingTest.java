package io.trackweave.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.spring.boot.shop.ShopApplication;
import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What docs/operations.md says about logs: the runtime's System.Logger goes to JUL, which Spring Boot
 * bridges into SLF4J/Logback, so its lines come out in the application's format and obey logging.level.*.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingTest {
  @Test
  void theRuntimesLoggerReachesLogbackWithBootsLevels(CapturedOutput output) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
        .properties("spring.main.web-application-type=none", "trackweave.enabled=false",
            "logging.level.io.trackweave.runtime.spool=debug")
        .run()) {
      System.getLogger("io.trackweave.runtime").log(Level.WARNING, "probe-warning");
      System.getLogger("io.trackweave.runtime").log(Level.DEBUG, "probe-hidden-debug");
      System.getLogger("io.trackweave.runtime.spool").log(Level.DEBUG, "probe-debug");
    }
    assertThat(output.getAll()).containsPattern("WARN \\d+ --- \\[.*\\] io\\.trackweave\\.runtime +: probe-warning");
    assertThat(output.getAll()).doesNotContain("probe-hidden-debug");
    assertThat(output.getAll()).containsPattern("DEBUG \\d+ --- \\[.*\\] io\\.trackweave\\.runtime\\.spool +: probe-debug");
  }
}
