package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What a reviewer reads in a mapper: {@code @SuppressWarnings} only for what that mapper does (and javac's
 * {@code -Xlint:all} is quiet about every mapper), locals named as a person would name them.
 */
class GeneratedCodeTest {
  private static String source(Compilation c, String mapper) throws IOException {
    return c.generatedSourceFile(mapper).orElseThrow().getCharContent(true).toString();
  }

  /** Succeeded, and the only warning is that no plan was given (these fixtures need none). */
  private static void quiet(Compilation c) {
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("no tracking plan found");
  }

  @Test
  void suppressWarningsNamesOnlyWhatTheMapperNeeds() throws IOException {
    JavaFileObject svc = Harness.source("com.gen.Svc",
        "package com.gen;",
        "import io.trackweave.annotations.*;",
        "import java.util.*;",
        "public class Svc {",
        "  @Deprecated public record Old(String name) {}",
        "  @TrackEvent(\"plain_done\") public void plain(@CustomerId String id, @Prop int size) {}",
        "  @TrackEvent(\"generic_done\") public void generic(@CustomerId String id, @Prop List<String> tags) {}",
        "  @SuppressWarnings(\"rawtypes\")",
        "  @TrackEvent(\"raw_done\") public void raw(@CustomerId String id, Comparable unmapped) {}",
        "  @SuppressWarnings(\"deprecation\")",
        "  @TrackEvent(\"old_done\") public void old(@CustomerId String id, @Payload Old old) {}",
        "}");
    Compilation c = Harness.compile(null, svc);
    quiet(c); // -Xlint:all: the mappers too
    assertThat(source(c, "com.gen.Svc_plain_TrackweaveMapper")).doesNotContain("@SuppressWarnings")
        .contains("@javax.annotation.processing.Generated(\"io.trackweave.processor.TrackweaveProcessor\")\n"
            + "public final class Svc_plain_TrackweaveMapper");
    assertThat(source(c, "com.gen.Svc_generic_TrackweaveMapper")).contains("@SuppressWarnings(\"unchecked\")\n");
    assertThat(source(c, "com.gen.Svc_raw_TrackweaveMapper")).contains("@SuppressWarnings(\"rawtypes\")\n");
    assertThat(source(c, "com.gen.Svc_old_TrackweaveMapper")).contains("@SuppressWarnings(\"deprecation\")\n");
  }

  @Test
  void localsAreNamedForWhatTheyHoldAndNeverShadowAParameter() throws IOException {
    JavaFileObject svc = Harness.source("com.gen.Svc",
        "package com.gen;",
        "import io.trackweave.annotations.*;",
        "import java.util.*;",
        "public class Svc {",
        "  public record Item(String sku) {}",
        "  public record Cart(@CustomerId String owner, List<Item> items) {}",
        "  @TrackEvent(\"cart_done\")",
        "  public void done(@Payload Cart cart, String tracker, String items) {}",
        "}");
    Compilation c = Harness.compile(null, svc);
    quiet(c);
    String mapper = source(c, "com.gen.Svc_done_TrackweaveMapper");
    assertThat(mapper)
        .contains("Tracker tracker2 = Trackweave.tracker();")
        .contains("var cartItems = cart.items();")
        .contains("for (var item : cartItems) {")
        .contains("var itemFields = Fields.builder(1);")
        .doesNotContainPattern("\\btw[A-Z]\\w*\\d\\b");
  }
}
