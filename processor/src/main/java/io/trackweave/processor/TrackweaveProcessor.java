package io.trackweave.processor;

import com.google.auto.service.AutoService;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.processor.check.Checker;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.MethodReader;
import io.trackweave.processor.model.Shapes;
import io.trackweave.processor.write.Catalog;
import io.trackweave.processor.write.MapperWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The Trackweave annotation processor: reads the tracking plan once, then for every method annotated with
 * {@code @TrackEvent} or {@code @IdentifyOn} reads it ({@link MethodReader}), checks it against the plan
 * ({@link Checker}) and writes its mapper ({@link MapperWriter}). When the last round is over it writes the
 * index the agent weaves from, and the catalog. Nothing it does throws out of javac: an unexpected failure
 * becomes one error diagnostic.
 *
 * <p>Options: {@code -Atrackweave.plan=<path>}, {@code -Atrackweave.requirePlan=true},
 * {@code -Atrackweave.nullableRequired=warn|error|ignore}.
 */
@AutoService(Processor.class)
public final class TrackweaveProcessor extends AbstractProcessor {
  public static final String INDEX = "META-INF/trackweave/index";
  public static final String CATALOG_JSON = "META-INF/trackweave/catalog.json";
  public static final String CATALOG_MD = "META-INF/trackweave/catalog.md";
  /** How a required property fed by a possibly-null source is reported: warn (default), error or ignore. */
  public static final String NULLABLE_REQUIRED_OPTION = "trackweave.nullableRequired";

  private Reporter reporter;
  private PlanLocator.Result plan;
  private Shapes shapes;
  private MethodReader reader;
  private Checker checker;
  private MapperWriter writer;
  private final List<MapperSpec> generated = new ArrayList<>();
  private final List<Deferred> deferred = new ArrayList<>();

  /**
   * A method whose signature names a type that does not exist yet. Elements are not carried across
   * rounds; the method is found again by its owner's name, its name and its parameter names.
   */
  private record Deferred(String owner, String name, List<String> parameters) {
    static Deferred of(ExecutableElement method) {
      List<String> parameters = new ArrayList<>();
      method.getParameters().forEach(p -> parameters.add(p.getSimpleName().toString()));
      return new Deferred(((TypeElement) method.getEnclosingElement()).getQualifiedName().toString(),
          method.getSimpleName().toString(), parameters);
    }

    ExecutableElement find(javax.lang.model.util.Elements elements) {
      TypeElement type = elements.getTypeElement(owner);
      if (type == null) {
        return null;
      }
      for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(name) && m.getParameters().size() == parameters.size()) {
          boolean same = true;
          for (int i = 0; i < parameters.size() && same; i++) {
            same = m.getParameters().get(i).getSimpleName().contentEquals(parameters.get(i));
          }
          if (same) {
            return m;
          }
        }
      }
      return null;
    }

    static boolean unresolved(ExecutableElement method) {
      for (javax.lang.model.element.VariableElement p : method.getParameters()) {
        if (hasError(p.asType())) {
          return true;
        }
      }
      return hasError(method.getReturnType());
    }

    private static boolean hasError(javax.lang.model.type.TypeMirror t) {
      switch (t.getKind()) {
        case ERROR:
          return true;
        case ARRAY:
          return hasError(((javax.lang.model.type.ArrayType) t).getComponentType());
        case DECLARED:
          for (javax.lang.model.type.TypeMirror arg : ((javax.lang.model.type.DeclaredType) t).getTypeArguments()) {
            if (hasError(arg)) {
              return true;
            }
          }
          return false;
        default:
          return false;
      }
    }
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // all of them, and claimed: no other processor has business with them, and javac's -Xlint:processing
    // would otherwise warn that @Prop, @Payload, ... were claimed by nobody
    return Set.of("io.trackweave.annotations.*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(PlanLocator.PLAN_OPTION, PlanLocator.REQUIRE_PLAN_OPTION, NULLABLE_REQUIRED_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (reporter == null) {
      reporter = new Reporter(processingEnv.getMessager());
    }
    try {
      if (!annotations.isEmpty() || !deferred.isEmpty()) {
        processMethods(round);
      }
      if (round.processingOver() && !generated.isEmpty()) {
        writeIndexAndCatalog();
      }
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reporter.report(Message.INTERNAL_ERROR, null, "this compilation", summary(e));
    }
    return true;
  }

  private void processMethods(RoundEnvironment round) {
    Set<ExecutableElement> methods = new LinkedHashSet<>();
    for (Deferred d : deferred) {
      ExecutableElement again = d.find(processingEnv.getElementUtils());
      if (again != null) {
        methods.add(again);
      }
    }
    deferred.clear();
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(TrackEvent.class)));
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(IdentifyOn.class)));
    if (methods.isEmpty()) {
      return;
    }
    if (plan == null) {
      // once per compilation, however many rounds and methods
      plan = PlanLocator.locate(processingEnv.getOptions(), processingEnv.getFiler(), reporter);

      shapes = new Shapes(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      reader = new MethodReader(shapes, reporter);
      checker = new Checker(plan.plan(), shapes, reporter, nullableRequired());
      writer = new MapperWriter(shapes);
    }
    if (plan.state() == PlanLocator.State.BROKEN) {
      return; // its errors are reported; checking against half a plan would only add noise
    }
    for (ExecutableElement method : methods) {
      if (!round.processingOver() && Deferred.unresolved(method)) {
        // a type another processor generates this round: look again in the next round
        deferred.add(Deferred.of(method));
        continue;
      }
      try {
        MethodModel model = reader.read(method);
        MapperSpec spec = checker.check(model);
        if (spec != null) {
          writer.write(spec).writeTo(processingEnv.getFiler());
          generated.add(spec);
        }
      } catch (IOException | RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        reporter.report(Message.INTERNAL_ERROR, method, method.getEnclosingElement().getSimpleName() + "."
            + method.getSimpleName() + "()", summary(e));
      }
    }
  }

  /** The severity {@code -Atrackweave.nullableRequired} asks for; null means ignore. */
  private Diagnostic.Kind nullableRequired() {
    String value = processingEnv.getOptions().get(NULLABLE_REQUIRED_OPTION);
    if (value == null || value.isBlank()) {
      return Diagnostic.Kind.WARNING;
    }
    switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "warn":
      case "warning":
        return Diagnostic.Kind.WARNING;
      case "error":
        return Diagnostic.Kind.ERROR;
      case "ignore":
        return null;
      default:
        // a typo must not silently turn the check off (or on): say so, and keep the default
        reporter.report(Message.BAD_OPTION, null, NULLABLE_REQUIRED_OPTION, value, "warn, error, ignore", "warn");
        return Diagnostic.Kind.WARNING;
    }
  }

  private void writeIndexAndCatalog() {
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    Set<String> lines = new TreeSet<>();
    for (MapperSpec spec : generated) {
      MethodModel m = spec.model();
      owners.putIfAbsent(m.ownerBinaryName(), m.owner());
      lines.add(m.ownerBinaryName() + " " + m.method().getSimpleName() + " " + m.descriptor() + " "
          + m.mapperBinaryName());
    }
    Element[] originating = owners.values().toArray(new Element[0]);
    StringBuilder index = new StringBuilder("# trackweave-index 1\n");
    for (String line : lines) {
      index.append(line).append('\n');
    }
    Catalog catalog = new Catalog(plan.plan(), generated);
    write(INDEX, index.toString(), originating);
    write(CATALOG_JSON, catalog.json(), originating);
    write(CATALOG_MD, catalog.markdown(), originating);
  }

  private void write(String name, String content, Element[] originating) {
    try {
      FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", name, originating);
      try (Writer w = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        w.write(content);
      }
    } catch (IOException | RuntimeException e) {
      reporter.report(Message.INTERNAL_ERROR, null, name, summary(e));
    }
  }

  private static String summary(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    StackTraceElement[] trace = e.getStackTrace();
    for (int i = 0; i < Math.min(3, trace.length); i++) {
      sb.append(i == 0 ? " at " : " < ").append(trace[i]);
    }
    return sb.toString();
  }
}
