package io.trackweave.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.annotations.TrackEvent;
import io.trackweave.runtime.TrackweaveRuntime;
import io.trackweave.spring.boot.shop.Orders;
import io.trackweave.spring.boot.shop.ShopApplication;
import io.trackweave.testkit.TrackApiEmulator;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A bean whose annotated method was compiled without trackweave-processor (so no {@code META-INF/trackweave/index}
 * names its mapper): the advisor says so once, in the application's log, and leaves the method to run untracked.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnindexedMethodTest {
  private static final String SOURCE = """
      package com.example.unindexed;

      import io.trackweave.annotations.CustomerId;
      import io.trackweave.annotations.TrackEvent;

      public class Newsletter implements java.util.function.UnaryOperator<String> { // so the test calls it without reflection
        @TrackEvent("newsletter_signed_up")
        public String apply(@CustomerId String customerId) {
          return "welcome, " + customerId;
        }
      }
      """;

  /** Real javac, without annotation processing: as a module whose build lacks trackweave-processor. */
  private static Class<?> compileWithoutProcessor(Path dir) throws Exception {
    Path source = dir.resolve("src/com/example/unindexed/Newsletter.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classPath = Path.of(TrackEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("-proc:none", "--release", "17", "-classpath", classPath, "-d", classes.toString()),
        null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();
    assertThat(compiled).as(diagnostics.toString()).isTrue();
    assertThat(classes.resolve("META-INF/trackweave/index")).doesNotExist();
    // a child of the test's loader: it sees the annotations and the test classes' index, which does not name it
    ClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, UnindexedMethodTest.class.getClassLoader());
    return Class.forName("com.example.unindexed.Newsletter", true, loader);
  }

  @Test
  void warnsOnceAndTheMethodRunsUntracked(@TempDir Path dir, CapturedOutput output) throws Exception {
    Class<?> newsletter = compileWithoutProcessor(dir);
    try (TrackApiEmulator emulator = TrackApiEmulator.start();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class)
            .properties("spring.main.web-application-type=none",
                "trackweave.endpoint=" + emulator.endpoint(),
                "trackweave.site.id=" + emulator.siteId(),
                "trackweave.api.key=" + emulator.apiKey(),
                "trackweave.jmx=false",
                "trackweave.spool.enabled=false")
            // two beans of the class: the advisor judges the method once, however many beans share it
            .initializers(app -> {
              ((GenericApplicationContext) app).registerBean("newsletter", newsletter);
              ((GenericApplicationContext) app).registerBean("weeklyNewsletter", newsletter);
            })
            .run()) {
      @SuppressWarnings("unchecked")
      UnaryOperator<String> greeter = (UnaryOperator<String>) context.getBean("newsletter");
      assertThat(AopUtils.isAopProxy(greeter)).isFalse(); // nothing to advise: no mapper
      assertThat(greeter.apply("c-1")).isEqualTo("welcome, c-1");
      assertThat(greeter.apply("c-2")).isEqualTo("welcome, c-2");
      assertThat(context.getBean("weeklyNewsletter", UnaryOperator.class).apply("c-3")).isEqualTo("welcome, c-3");
      // an indexed bean of the same application is still tracked
      assertThat(context.getBean(Orders.class).complete("c-1", "o-1", 5)).isEqualTo("o-1");
      assertThat(context.getBean(TrackweaveRuntime.class).flush(Duration.ofSeconds(5)).complete()).isTrue();
      assertThat(emulator.events()).extracting(e -> e.name()).containsExactly("order_completed");
    }

    String warning = "Trackweave: com.example.unindexed.Newsletter.apply is annotated but no META-INF/trackweave/index"
        + " names its mapper (compiled without trackweave-processor in annotationProcessorPaths?); it is not tracked";
    // in Boot's log format, at WARN, under the advisor's logger
    Matcher lines = Pattern.compile("WARN \\d+ --- \\[.*\\] i\\.t\\.s\\.b\\.internal\\.TrackedMethodAdvisor +: "
        + Pattern.quote(warning)).matcher(output.getAll());
    int count = 0;
    while (lines.find()) {
      count++;
    }
    assertThat(count).as(output.getAll()).isEqualTo(1);
    assertThat(output.getAll().split(Pattern.quote(warning), -1)).hasSize(2); // and nowhere else
  }
}
