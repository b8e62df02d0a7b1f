package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Payload types that another processor generates are waited for, not reported as unresolved. */
class RoundsTest {
  /** Generates {@code com.gen.Extra} in the first round, as Immutables or AutoValue would. */
  static final class ExtraGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("com.gen.Extra").openWriter()) {
          w.write("package com.gen;\npublic record Extra(String sku, String category, double price) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void aPayloadTypeGeneratedInALaterRoundIsCheckedOnceItExists() {
    JavaFileObject svc = DiagnosticsTest.svc(
        "  @TrackEvent(\"product_viewed\")",
        "  public void view(@CustomerId String id, @Payload com.gen.Extra extra) {}");
    Compilation c = Compiler.javac()
        .withProcessors(new ExtraGenerator(), new TrackweaveProcessor())
        .withOptions("-Atrackweave.plan=" + Harness.resource(Harness.SHOP_PLAN))
        .compile(svc);
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("com.shop.Svc_view_TrackweaveMapper");
  }
}
