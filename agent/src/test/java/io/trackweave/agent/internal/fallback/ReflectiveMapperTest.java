package io.trackweave.agent.internal.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.trackweave.agent.fixture.RecordingTracker;
import io.trackweave.annotations.TrackEvent;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback never sends a name it made up: {@code argN} of a class compiled without -parameters. */
class ReflectiveMapperTest {
  private static final String SOURCE =
      """
      package legacy;

      import io.trackweave.annotations.CustomerId;
      import io.trackweave.annotations.Prop;
      import io.trackweave.annotations.TrackEvent;

      public class Shop {
        @TrackEvent("checked_out")
        public void checkOut(@CustomerId String customer, @Prop double total, @Prop("coupon") String coupon) {}
      }
      """;

  /** Shop compiled with the given javac flags, loaded by its own loader. */
  private static Method checkOut(Path dir, String... flags) throws Exception {
    Path src = dir.resolve("src/legacy/Shop.java");
    Path out = dir.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(out);
    Files.writeString(src, SOURCE);
    List<String> args = new ArrayList<>(List.of(flags));
    String annotations = Path.of(TrackEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    args.addAll(List.of("-proc:none", "--release", "17", "-cp", annotations, "-d", out.toString(), src.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, ReflectiveMapperTest.class.getClassLoader());
    Class<?> shop = loader.loadClass("legacy.Shop");
    return shop.getMethod("checkOut", String.class, double.class, String.class);
  }

  @Test
  void aParameterWithoutANameInTheClassFileIsSkippedReportedAndCounted(@TempDir Path dir) throws Exception {
    Method method = checkOut(dir); // no -parameters: the JDK calls them arg0, arg1, arg2
    assertThat(method.getParameters()[1].isNamePresent()).isFalse();
    List<String> warnings = new ArrayList<>();
    ReflectiveMapper mapper;
    Handler handler = capture(warnings);
    try {
      mapper = ReflectiveMapper.of(method);
    } finally {
      Logger.getLogger("io.trackweave.agent").removeHandler(handler);
    }
    assertThat(warnings).singleElement().asString()
        .contains("legacy.Shop#checkOut").contains("#2 (double)").contains("-parameters").doesNotContain("#3");

    try (RecordingTracker tracker = RecordingTracker.install()) {
      mapper.onReturn(new Object[] {"c-1", 12.5, "SPRING"}, null);
      RecordingTracker.Call track =
          tracker.calls.stream().filter(c -> c.kind().equals("track")).findFirst().orElseThrow();
      assertThat(track.fields().get("coupon")).isEqualTo("SPRING"); // an explicit name is the user's
      assertThat(track.fields().size()).isEqualTo(1); // never "arg1"
      assertThat(tracker.calls).anySatisfy(c -> {
        assertThat(c.kind()).isEqualTo("violation");
        assertThat(c.name()).isEqualTo("checked_out");
        assertThat(c.fields().get("problem").toString()).contains("#2 (double)");
      });
    }
  }

  @Test
  void withRealParameterNamesTheDerivedNameIsSent(@TempDir Path dir) throws Exception {
    ReflectiveMapper mapper = ReflectiveMapper.of(checkOut(dir, "-parameters"));
    try (RecordingTracker tracker = RecordingTracker.install()) {
      mapper.onReturn(new Object[] {"c-1", 12.5, "SPRING"}, null);
      assertThat(tracker.calls).singleElement().satisfies(c -> {
        assertThat(c.fields().get("total")).isEqualTo(12.5);
        assertThat(c.fields().get("coupon")).isEqualTo("SPRING");
      });
    }
  }

  private static Handler capture(List<String> messages) {
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        messages.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("io.trackweave.agent").addHandler(handler);
    return handler;
  }
}
