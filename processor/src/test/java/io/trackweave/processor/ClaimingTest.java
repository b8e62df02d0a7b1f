package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@link TrackweaveProcessor.IndexKeeper} runs in every compilation (it supports {@code *}), yet nothing changes
 * for other processors or for javac's {@code -Xlint:processing}: Trackweave's annotations and the mappers'
 * {@code @Generated} are claimed, and another processor still receives its own annotations.
 */
class ClaimingTest {
  /** Records which annotations it was offered. */
  static final class Other extends AbstractProcessor {
    final java.util.Set<String> seen = new java.util.TreeSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("com.other.*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
      return true;
    }
  }

  private static List<String> unclaimed(Compilation c) {
    return c.warnings().stream().map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.contains("No processor claimed")).toList();
  }

  @Test
  void trackweaveAnnotationsAndTheMappersGeneratedAreClaimed() {
    Compilation c = Harness.javac("-Xlint:all", "-Atrackweave.plan=" + Harness.resource(Harness.SHOP_PLAN))
        .compile(Harness.shop());
    assertThat(c).succeeded();
    // the fixture's own com.shop.NonNull is nobody's; nothing of Trackweave's is left unclaimed
    assertThat(unclaimed(c)).hasSize(1).allMatch(m -> m.contains("com.shop.NonNull"))
        .noneMatch(m -> m.contains("io.trackweave")).noneMatch(m -> m.contains("Generated"));
  }

  @Test
  void anotherProcessorStillGetsItsAnnotationsBesideTrackweaves() {
    JavaFileObject mark = Harness.source("com.other.Mark", "package com.other;", "public @interface Mark {}");
    JavaFileObject svc = Harness.source("com.other.Svc",
        "package com.other;",
        "import io.trackweave.annotations.*;",
        "@Mark public class Svc {",
        "  @TrackEvent(\"thing_done\") public void done(@CustomerId String id) {}",
        "}");
    Other other = new Other();
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new TrackweaveProcessor.IndexKeeper(), new TrackweaveProcessor(), other).compile(mark, svc);
    assertThat(c).succeeded();
    assertThat(other.seen).containsExactly("com.other.Mark");
    assertThat(c).generatedSourceFile("com.other.Svc_done_TrackweaveMapper");
    assertThat(c.diagnostics()).noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
  }
}
