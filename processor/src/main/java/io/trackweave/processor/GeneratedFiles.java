package io.trackweave.processor;

import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.MethodModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * What the processor writes through javac's {@link Filer}: each mapper's source, and the resources of the class
 * output (the index and the catalog), which it also reads back, as the previous build left them, to merge into.
 */
final class GeneratedFiles {
  private final Filer filer;
  private final Reporter reporter;

  GeneratedFiles(Filer filer, Reporter reporter) {
    this.filer = filer;
    this.reporter = reporter;
  }

  /** Writes a mapper's source; javac compiles it in the next round. */
  void writeMapper(MethodModel model, String source) throws IOException {
    // a top-level class: its binary name is its canonical name
    JavaFileObject file = filer.createSourceFile(model.mapperBinaryName(), model.owner());
    try (Writer w = file.openWriter()) {
      w.write(source);
    } catch (IOException | RuntimeException e) {
      file.delete(); // no half-written mapper for javac to trip over
      throw e;
    }
  }

  /** A resource previously written to the class output, or null when there is none (or it cannot be read). */
  String read(String name) {
    try {
      FileObject file = filer.getResource(StandardLocation.CLASS_OUTPUT, "", name);
      try (InputStream in = file.openInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      return null; // first build, or an output that is not a directory we can read back: nothing to merge
    }
  }

  /** Writes a resource to the class output; a failure is reported as an internal error, never thrown. */
  void write(String name, String content, Element[] originating) {
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", name, originating);
      try (Writer w = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        w.write(content);
      }
    } catch (IOException | RuntimeException e) {
      reporter.report(Message.INTERNAL_ERROR, null, name, Failures.summary(e));
    }
  }
}
