package io.trackweave.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** What every run of ShopApp must show: calls unchanged, and each tracked call once on the wire. */
final class ShopRun {
  static final String SHOP_APP = "io.trackweave.agent.it.app.ShopApp";
  static final String LEGACY_CLASS = "io.trackweave.agent.it.legacy.LegacyShop";
  private static final String LEGACY_SOURCE =
      """
      package io.trackweave.agent.it.legacy;

      import io.trackweave.annotations.CustomerId;
      import io.trackweave.annotations.Prop;
      import io.trackweave.annotations.TrackEvent;

      /** Compiled without the processor: no index entry, so the agent's reflective fallback tracks it. */
      public class LegacyShop {
        @TrackEvent("signed_up")
        public String signUp(@CustomerId String customerId, @Prop("campaign") String campaign) {
          return "welcome " + customerId;
        }
      }
      """;

  private ShopRun() {}

  /** LegacyShop compiled with -proc:none into its own directory (once per test JVM). */
  static synchronized Path legacyClasses() throws IOException {
    Path out = ChildJvm.WORK.resolve("legacy-classes");
    if (Files.exists(out.resolve("io/trackweave/agent/it/legacy/LegacyShop.class"))) {
      return out;
    }
    Path src = ChildJvm.WORK.resolve("legacy-src/io/trackweave/agent/it/legacy/LegacyShop.java");
    Files.createDirectories(src.getParent());
    Files.createDirectories(out);
    Files.writeString(src, LEGACY_SOURCE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null, null, null,
            "-proc:none", "-parameters", "--release", "17",
            "-cp", ChildJvm.jarOf("trackweave-annotations"),
            "-d", out.toString(), src.toString());
    assertThat(rc).as("javac of LegacyShop").isZero();
    return out;
  }

  /** Copies the app package (and the index) of the test classes into {@code target}. */
  static Path copyApp(Path target) throws IOException {
    copyTree(ChildJvm.TEST_CLASSES.resolve("io/trackweave/agent/it/app"), target.resolve("io/trackweave/agent/it/app"));
    copyTree(ChildJvm.TEST_CLASSES.resolve("META-INF/trackweave"), target.resolve("META-INF/trackweave"));
    return target;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          Files.copy(file, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void assertCallsUnchanged(ChildJvm.Result result, boolean legacy) {
    assertThat(result.output())
        .contains("RESULT confirm confirmed o-1")
        .contains("RESULT pay threw card declined same=true")
        .contains("RESULT register 7")
        .contains("RESULT ship dhl");
    if (legacy) {
      assertThat(result.output()).contains("RESULT legacy welcome cust-5");
    }
  }

  /** Each call tracked exactly once, authenticated, in v2 batches. */
  static void assertTracked(TrackApi api, ChildJvm.Result result, boolean legacy) {
    String wire = api.wire();
    assertThat(api.requestLines).as("requests; child output:\n%s", result.output()).isNotEmpty();
    assertThat(api.requestLines).allSatisfy(line -> assertThat(line).startsWith("POST /api/v2/batch"));
    String basic = "Basic " + Base64.getEncoder().encodeToString("site-it:key-it-secret".getBytes(StandardCharsets.UTF_8));
    assertThat(api.authorizations).containsOnly(basic);
    assertThat(count(wire, "\"name\":\"order_completed\"")).as("order_completed in %s", wire).isEqualTo(1);
    assertThat(wire).contains("\"id\":\"cust-1\"").contains("\"order_id\":\"o-1\"");
    assertThat(count(wire, "\"name\":\"payment_failed\"")).as("payment_failed in %s", wire).isEqualTo(1);
    assertThat(wire).contains("\"id\":\"cust-2\"");
    assertThat(count(wire, "\"c3@example.com\"")).as("identify in %s", wire).isEqualTo(1);
    assertThat(wire).contains("\"id\":\"cust-3\"");
    assertThat(count(wire, "\"name\":\"order_shipped\"")).as("order_shipped in %s", wire).isEqualTo(1);
    assertThat(wire).contains("\"carrier\":\"dhl\"").contains("\"id\":\"cust-4\"");
    if (legacy) {
      assertThat(count(wire, "\"name\":\"signed_up\"")).as("signed_up in %s", wire).isEqualTo(1);
      assertThat(wire).contains("\"campaign\":\"spring\"").contains("\"id\":\"cust-5\"");
    }
    assertThat(result.output()).doesNotContain("key-it-secret");
  }

  static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static List<String> classpath(Path... dirs) throws IOException {
    List<String> cp = new java.util.ArrayList<>();
    for (Path dir : dirs) {
      cp.add(dir.toString());
    }
    cp.add(ChildJvm.jarOf("trackweave-annotations"));
    return cp;
  }
}
