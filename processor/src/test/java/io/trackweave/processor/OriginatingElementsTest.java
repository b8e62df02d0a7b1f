package io.trackweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Gradle and IDEs learn which source a generated file comes from only through the originating elements given to
 * the {@link Filer}: that is how they know which mapper to delete or regenerate when a class changes or goes.
 * Each mapper must name its annotated class and nothing else (a missing element leaves a stale mapper behind; an
 * extra one ties it to a class it does not come from), and the index and the catalog, which gather the whole
 * compilation, name every annotated class compiled (processor README, "Incremental compilation"). javac itself
 * does not check any of this, so the processors run under real javac with a Filer that records each call before
 * passing it on to javac's.
 */
class OriginatingElementsTest {
  /** One Filer call: what it created, and the originating elements it passed. */
  record Created(String kind, String name, List<String> originating) {}

  @Test
  void eachMapperOriginatesFromItsAnnotatedClassAloneAndTheIndexAndCatalogFromAllOfThem() {
    List<Created> created = Collections.synchronizedList(new ArrayList<>());
    Compilation c = Compiler.javac()
        .withProcessors(new Recording(new TrackweaveProcessor(), created),
            new Recording(new TrackweaveProcessor.IndexKeeper(), created))
        .withOptions("-Xlint:all,-processing")
        .compile(
            // two tracked methods in one class
            Harness.source("com.orig.Checkout",
                "package com.orig;",
                "import io.trackweave.annotations.*;",
                "public class Checkout {",
                "  @TrackEvent(\"checkout_started\") public void start(@CustomerId String id, @Prop(\"size\") int size) {}",
                "  @IdentifyOn public void register(@CustomerId String id, @Attr(\"email\") String email) {}",
                "}"),
            // events that fire on return and on throw: one mapper each all the same
            Harness.source("com.orig.Payments",
                "package com.orig;",
                "import io.trackweave.annotations.*;",
                "public class Payments {",
                "  @TrackEvent(value = \"payment_attempted\", on = Fire.ALWAYS)",
                "  public void charge(@CustomerId String id, @Prop(\"amount\") long amount) {}",
                "  @TrackEvent(value = \"refund_attempted\", on = Fire.ALWAYS)",
                "  public void refund(@CustomerId String id) {}",
                "}"),
            // the method's class is the nested one
            Harness.source("com.orig.Outer",
                "package com.orig;",
                "import io.trackweave.annotations.*;",
                "public class Outer {",
                "  public static class Inner { @TrackEvent(\"inner_done\") public void in(@CustomerId String id) {} }",
                "}"),
            // compiled beside them, but nothing generated comes from it
            Harness.source("com.orig.Plain",
                "package com.orig;",
                "public class Plain { public void nothing() {} }"));
    assertThat(c).succeeded();

    Map<String, String> mapperOwners = Map.of(
        "com.orig.Checkout_start_TrackweaveMapper", "com.orig.Checkout",
        "com.orig.Checkout_register_TrackweaveMapper", "com.orig.Checkout",
        "com.orig.Payments_charge_TrackweaveMapper", "com.orig.Payments",
        "com.orig.Payments_refund_TrackweaveMapper", "com.orig.Payments",
        "com.orig.Outer_Inner_in_TrackweaveMapper", "com.orig.Outer.Inner");
    List<Created> sources = created.stream().filter(f -> f.kind().equals("source")).toList();
    assertThat(sources).extracting(Created::name).containsExactlyInAnyOrderElementsOf(mapperOwners.keySet());
    for (Created source : sources) {
      assertThat(source.originating()).as(source.name()).containsExactly(mapperOwners.get(source.name()));
    }
    assertThat(created).noneMatch(f -> f.kind().equals("class"));

    List<Created> resources = created.stream().filter(f -> f.kind().equals("resource")).toList();
    assertThat(resources).extracting(Created::name).containsExactlyInAnyOrder(
        TrackweaveProcessor.INDEX, TrackweaveProcessor.CATALOG_JSON, TrackweaveProcessor.CATALOG_MD);
    for (Created resource : resources) {
      assertThat(resource.originating()).as(resource.name())
          .containsExactlyInAnyOrder("com.orig.Checkout", "com.orig.Payments", "com.orig.Outer.Inner");
    }
    // what was recorded is what javac wrote
    for (String mapper : mapperOwners.keySet()) {
      assertThat(c).generatedSourceFile(mapper);
    }
    assertThat(Harness.resourceText(c, TrackweaveProcessor.INDEX)).contains("com.orig.Outer$Inner in");
  }

  /** How an originating element is recorded: a type by its name, anything else by its kind too. */
  private static String describe(Element e) {
    return e instanceof TypeElement type ? type.getQualifiedName().toString()
        : e.getKind().name().toLowerCase(Locale.ROOT) + " " + e.getSimpleName();
  }

  private static List<String> describe(Element... elements) {
    List<String> out = new ArrayList<>();
    for (Element e : elements == null ? new Element[0] : elements) {
      out.add(describe(e));
    }
    return out;
  }

  /** A processor run with a {@link RecordingFiler}; everything else goes to the real processor unchanged. */
  private static final class Recording implements Processor {
    private final Processor delegate;
    private final List<Created> created;

    Recording(Processor delegate, List<Created> created) {
      this.delegate = delegate;
      this.created = created;
    }

    @Override
    public void init(ProcessingEnvironment env) {
      Filer filer = new RecordingFiler(env.getFiler(), created);
      delegate.init(new ProcessingEnvironment() {
        @Override
        public Map<String, String> getOptions() {
          return env.getOptions();
        }

        @Override
        public Messager getMessager() {
          return env.getMessager();
        }

        @Override
        public Filer getFiler() {
          return filer;
        }

        @Override
        public Elements getElementUtils() {
          return env.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
          return env.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
          return env.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
          return env.getLocale();
        }

        @Override
        public boolean isPreviewEnabled() {
          return env.isPreviewEnabled();
        }
      });
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
        ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }

  /** javac's Filer, with every create call recorded first. */
  private record RecordingFiler(Filer filer, List<Created> created) implements Filer {
    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originating) throws IOException {
      created.add(new Created("source", name.toString(), describe(originating)));
      return filer.createSourceFile(name, originating);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originating) throws IOException {
      created.add(new Created("class", name.toString(), describe(originating)));
      return filer.createClassFile(name, originating);
    }

    @Override
    public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
        CharSequence relativeName, Element... originating) throws IOException {
      created.add(new Created("resource", relativeName.toString(), describe(originating)));
      return filer.createResource(location, moduleAndPkg, relativeName, originating);
    }

    @Override
    public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
        CharSequence relativeName) throws IOException {
      return filer.getResource(location, moduleAndPkg, relativeName);
    }
  }
}
