package io.trackweave.processor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental compilation (an IDE, or Maven recompiling only changed files) compiles a subset of the
 * sources into the same class output. The index and the catalog must then keep the other classes' entries,
 * drop those of classes recompiled without them or gone, and come out as a full build would write them.
 * compile-testing gives every compilation its own in-memory output, so this drives javac directly.
 */
class IncrementalTest {
  private static JavaFileObject a() {
    return Harness.source("com.inc.A",
        "package com.inc;",
        "import io.trackweave.annotations.*;",
        "public class A {",
        "  @TrackEvent(\"a_done\") public void a(@CustomerId String id, @Prop(\"size\") int size) {}",
        "}");
  }

  private static JavaFileObject b() {
    return Harness.source("com.inc.B",
        "package com.inc;",
        "import io.trackweave.annotations.*;",
        "public class B {",
        "  @TrackEvent(\"b_done\") public void b(@CustomerId String id) {}",
        "  @IdentifyOn public void who(@CustomerId String id, @Attr(\"email\") String email) {}",
        "  public static class Inner { @TrackEvent(\"inner_done\") public void in(@CustomerId String id) {} }",
        "}");
  }

  /** B edited: b renamed to b2, who no longer identifies, Inner unchanged. */
  private static JavaFileObject bEdited() {
    return Harness.source("com.inc.B",
        "package com.inc;",
        "import io.trackweave.annotations.*;",
        "public class B {",
        "  @TrackEvent(\"b_done\") public void b2(@CustomerId String id) {}",
        "  public void who(String id, String email) {}",
        "  public static class Inner { @TrackEvent(\"inner_done\") public void in(@CustomerId String id) {} }",
        "}");
  }

  private static JavaFileObject c() {
    return Harness.source("com.inc.C",
        "package com.inc;",
        "import io.trackweave.annotations.*;",
        "public class C {",
        "  @TrackEvent(\"c_done\") public void c(@CustomerId String id) {}",
        "}");
  }

  private static void javac(Path out, JavaFileObject... sources) {
    javac(out, false, sources);
  }

  /** {@code keeperFirst}: javac offers each round to IndexKeeper before TrackweaveProcessor. */
  private static void javac(Path out, boolean keeperFirst, JavaFileObject... sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    JavaCompiler.CompilationTask task = compiler.getTask(log, null, null,
        List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path") + File.pathSeparator + out,
            "-implicit:none", "-Xlint:-processing"),
        null, List.of(sources));
    task.setProcessors(keeperFirst ? List.of(new TrackweaveProcessor.IndexKeeper(), new TrackweaveProcessor())
        : List.of(new TrackweaveProcessor(), new TrackweaveProcessor.IndexKeeper()));
    assertThat(task.call()).as(log.toString()).isTrue();
  }

  private static String text(Path out, String name) throws IOException {
    return Files.readString(out.resolve(name), UTF_8);
  }

  @Test
  void aPartialCompilationMergesIntoTheIndexAndCatalogOfTheFullOne(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("classes"));
    javac(out, a(), b(), c());
    assertThat(text(out, TrackweaveProcessor.INDEX).lines().skip(1)).hasSize(5);

    // C's source is deleted (its classes go with it), B is edited and recompiled alone
    Files.delete(out.resolve("com/inc/C.class"));
    Files.delete(out.resolve("com/inc/C_c_TrackweaveMapper.class"));
    javac(out, bEdited());

    assertThat(text(out, TrackweaveProcessor.INDEX).lines().toList()).containsExactly(
        "# trackweave-index 1",
        "com.inc.A a (Ljava/lang/String;I)V com.inc.A_a_TrackweaveMapper",
        "com.inc.B b2 (Ljava/lang/String;)V com.inc.B_b2_TrackweaveMapper",
        "com.inc.B$Inner in (Ljava/lang/String;)V com.inc.B_Inner_in_TrackweaveMapper");
    JsonNode catalog = new ObjectMapper().readTree(text(out, TrackweaveProcessor.CATALOG_JSON));
    assertThat(catalog.get("events")).extracting(e -> e.get("name").asText() + "@"
        + e.get("fires").get(0).get("where").asText()).containsExactly(
            "a_done@com.inc.A#a", "b_done@com.inc.B#b2", "inner_done@com.inc.B$Inner#in");
    assertThat(catalog.get("events").get(0).get("fires").get(0).get("properties").get(0).get("name").asText())
        .isEqualTo("size");
    assertThat(catalog.get("identifies")).isEmpty();
    assertThat(text(out, TrackweaveProcessor.CATALOG_MD)).contains("Fires from `com.inc.A#a` on RETURN.")
        .doesNotContain("c_done").doesNotContain("B#who");

    // byte for byte what a full build of the same sources writes
    Path full = Files.createDirectories(dir.resolve("full"));
    javac(full, a(), bEdited());
    for (String name : List.of(TrackweaveProcessor.INDEX, TrackweaveProcessor.CATALOG_JSON, TrackweaveProcessor.CATALOG_MD)) {
      assertThat(text(out, name)).as(name).isEqualTo(text(full, name));
    }
  }

  @Test
  void recompilingTheOnlyAnnotatedClassWithoutAnnotatedMethodsEmptiesTheIndex(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("classes"));
    javac(out, c());
    // still names a trackweave annotation (so the processor runs), but no method is tracked any more
    javac(out, Harness.source("com.inc.C",
        "package com.inc;",
        "import io.trackweave.annotations.*;",
        "public class C {",
        "  @NotTracked public String secret;",
        "  public void c(String id) {}",
        "}"));
    assertThat(text(out, TrackweaveProcessor.INDEX)).isEqualTo("# trackweave-index 1\n");
    assertThat(new ObjectMapper().readTree(text(out, TrackweaveProcessor.CATALOG_JSON)).get("events")).isEmpty();
  }

  /** The lines of the index after its header. */
  private static List<String> entries(Path out) throws IOException {
    return text(out, TrackweaveProcessor.INDEX).lines().skip(1).toList();
  }

  @Test
  void removingTheLastAnnotationOfAClassDropsItsEntriesOnTheNextIncrementalCompile(@TempDir Path dir)
      throws Exception {
    Path out = Files.createDirectories(dir.resolve("classes"));
    javac(out, a(), c());
    assertThat(entries(out)).containsExactly(
        "com.inc.A a (Ljava/lang/String;I)V com.inc.A_a_TrackweaveMapper",
        "com.inc.C c (Ljava/lang/String;)V com.inc.C_c_TrackweaveMapper");

    // A edited: no Trackweave annotation, not even an import of one; recompiled alone into the same output
    javac(out, Harness.source("com.inc.A",
        "package com.inc;",
        "public class A {",
        "  public void a(String id, int size) {}",
        "}"));

    assertThat(entries(out)).containsExactly("com.inc.C c (Ljava/lang/String;)V com.inc.C_c_TrackweaveMapper");
    JsonNode catalog = new ObjectMapper().readTree(text(out, TrackweaveProcessor.CATALOG_JSON));
    assertThat(catalog.get("events")).extracting(e -> e.get("name").asText()).containsExactly("c_done");
    assertThat(text(out, TrackweaveProcessor.CATALOG_MD)).doesNotContain("a_done");
  }

  @Test
  void aDeletedClassLeavesTheIndexWhenAnUnrelatedClassIsCompiled(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("classes"));
    javac(out, a(), c());
    // C's source is deleted and the build removes its class files; then an unrelated class is compiled
    Files.delete(out.resolve("com/inc/C.class"));
    Files.delete(out.resolve("com/inc/C_c_TrackweaveMapper.class"));
    javac(out, Harness.source("com.inc.D", "package com.inc;", "public class D {}"));

    assertThat(entries(out)).containsExactly("com.inc.A a (Ljava/lang/String;I)V com.inc.A_a_TrackweaveMapper");
    assertThat(text(out, TrackweaveProcessor.CATALOG_JSON)).doesNotContain("c_done");
  }

  @Test
  void aCompilationThatTouchesNoTrackedClassLeavesTheFilesAlone(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("classes"));
    javac(out, a());
    Path index = out.resolve(TrackweaveProcessor.INDEX);
    java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(index);
    Files.setLastModifiedTime(index, java.nio.file.attribute.FileTime.fromMillis(written.toMillis() - 60_000));
    java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(index);

    javac(out, Harness.source("com.inc.D", "package com.inc;", "public class D {}"));

    assertThat(Files.getLastModifiedTime(index)).isEqualTo(before);
    assertThat(entries(out)).containsExactly("com.inc.A a (Ljava/lang/String;I)V com.inc.A_a_TrackweaveMapper");
  }

  @Test
  void inEitherProcessorOrderTheIndexIsWrittenOnceByTheOneThatRuns(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("classes"));
    javac(out, a(), c());
    String index = text(out, TrackweaveProcessor.INDEX);
    // a tracked class recompiled: TrackweaveProcessor writes, IndexKeeper stands aside (two writers would be a
    // Filer error, which javac() fails on)
    javac(out, true, a());
    javac(out, false, a());
    assertThat(text(out, TrackweaveProcessor.INDEX)).isEqualTo(index);
    // no tracked class: IndexKeeper writes
    javac(out, true, Harness.source("com.inc.A", "package com.inc;", "public class A {}"));
    assertThat(entries(out)).containsExactly("com.inc.C c (Ljava/lang/String;)V com.inc.C_c_TrackweaveMapper");
  }
}
