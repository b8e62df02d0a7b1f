package io.trackweave.processor;

import com.google.auto.service.AutoService;
import io.trackweave.processor.StageTimes.Stage;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.check.MethodChecker;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Accessibility;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.MethodReader;
import io.trackweave.processor.model.PayloadMembers;
import io.trackweave.processor.model.Shapes;
import io.trackweave.processor.write.MapperWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The Trackweave annotation processor: reads the tracking plan once ({@link PlanLocator}), then for every method
 * annotated with {@code @TrackEvent}, {@code @IdentifyOn}, {@code @IdentifyObject} or {@code @DeleteObject}
 * ({@link AnnotatedMethods}) reads it ({@link MethodReader}), checks it against the plan ({@link MethodChecker})
 * and writes its mapper ({@link MapperWriter}, {@link GeneratedFiles}). When the last round is over it writes the
 * index the agent weaves from and the catalog ({@link IndexAndCatalog}), merged with the previous build's. This
 * class only puts those steps in order; each is its own class. Nothing it does throws out of javac: an
 * unexpected failure becomes one error diagnostic.
 *
 * <p>Options: {@code -Atrackweave.plan=<path>}, {@code -Atrackweave.requirePlan=true},
 * {@code -Atrackweave.nullableRequired=warn|error|ignore}, {@code -Atrackweave.timing=true}.
 */
@AutoService(Processor.class)
public final class TrackweaveProcessor extends AbstractProcessor {
  public static final String INDEX = "META-INF/trackweave/index";
  public static final String CATALOG_JSON = "META-INF/trackweave/catalog.json";
  public static final String CATALOG_MD = "META-INF/trackweave/catalog.md";
  /** How a required property fed by a possibly-null source is reported: warn (default), error or ignore. */
  public static final String NULLABLE_REQUIRED_OPTION = "trackweave.nullableRequired";
  /** {@code true}: one note at the end says how long each stage of the processor took (for tuning). */
  public static final String TIMING_OPTION = "trackweave.timing";

  /** What this processor handles (and claims); {@link IndexKeeper} must recognise exactly these. */
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private Reporter reporter;
  private GeneratedFiles files;
  private CompiledTypes compiledTypes;
  private AnnotatedMethods annotated;
  private UntrackedMarks untrackedMarks;
  private IndexAndCatalog indexAndCatalog;
  private final StageTimes times = new StageTimes();
  private final List<MapperSpec> generated = new ArrayList<>();

  // the plan and the steps that need it: set up in the first round that has a method to map
  private PlanLocator.Result plan;
  private MethodReader reader;
  private MethodChecker checker;
  private MapperWriter writer;

  /**
   * All of Trackweave's, and claimed: no other processor has business with them, and javac's
   * -Xlint:processing would otherwise warn that @Prop, @Payload, ... were claimed by nobody. Also the
   * {@code @Generated} the mappers carry, for the same warning in the round that compiles them. A compilation
   * with none of them does not run this processor at all; {@link IndexKeeper} takes care of the index then.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("io.trackweave.annotations.*", GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(PlanLocator.PLAN_OPTION, PlanLocator.REQUIRE_PLAN_OPTION, NULLABLE_REQUIRED_OPTION, TIMING_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    init(env, new Reporter(env.getMessager()));
  }

  /** Sets up the steps that need no plan; {@link IndexKeeper} passes a reporter of its own. */
  private void init(ProcessingEnvironment env, Reporter reporter) {
    super.init(env);
    this.reporter = reporter;
    files = new GeneratedFiles(processingEnv.getFiler(), reporter);
    compiledTypes = new CompiledTypes(processingEnv.getElementUtils());
    annotated = new AnnotatedMethods(processingEnv.getElementUtils());
    untrackedMarks = new UntrackedMarks(reporter);
    indexAndCatalog = new IndexAndCatalog(files, compiledTypes, () -> plan().plan());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
        compiledTypes.add(type);
      }
      if (!annotations.isEmpty() || annotated.anyDeferred()) {
        processMethods(round);
      }
      if (round.processingOver()) {
        long t = System.nanoTime();
        indexAndCatalog.write(generated);
        times.add(Stage.INDEX, System.nanoTime() - t);
        if (ProcessorOptions.timing(processingEnv.getOptions())) {
          times.report(reporter, generated.size());
        }
      }
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reporter.report(Message.INTERNAL_ERROR, null, Message.Part.THIS_COMPILATION.text(), Failures.summary(e));
    }
    return true;
  }

  private void processMethods(RoundEnvironment round) {
    Set<ExecutableElement> methods = annotated.of(round);
    untrackedMarks.warn(round);
    if (methods.isEmpty()) {
      return;
    }
    if (plan == null) {
      // once per compilation, however many rounds and methods
      long t = System.nanoTime();
      plan();
      times.add(Stage.PLAN, System.nanoTime() - t);

      Shapes shapes = new Shapes(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      PayloadMembers members = new PayloadMembers(processingEnv.getTypeUtils());
      Accessibility access = new Accessibility(processingEnv.getElementUtils());
      reader = new MethodReader(shapes, members, access, reporter);
      checker = new MethodChecker(plan.plan(), shapes, members, access, reporter,
          ProcessorOptions.nullableRequired(processingEnv.getOptions(), reporter));
      writer = new MapperWriter(shapes, access);
    }
    if (plan.state() == PlanLocator.State.BROKEN) {
      return; // its errors are reported; checking against half a plan would only add noise
    }
    for (ExecutableElement method : methods) {
      if (annotated.deferIfUnresolved(method, round)) {
        continue; // a type another processor generates this round: look again in the next round
      }
      try {
        long t0 = System.nanoTime();
        MethodModel model = reader.read(method);
        long t1 = System.nanoTime();
        MapperSpec spec = checker.check(model);
        long t2 = System.nanoTime();
        if (spec != null) {
          // the source text is rendered once, then written through the Filer (javac compiles it next round)
          String source = writer.write(spec).toString();
          long t3 = System.nanoTime();
          files.writeMapper(model, source);
          times.add(Stage.RENDER, t3 - t2);
          times.add(Stage.FILER, System.nanoTime() - t3);
          generated.add(spec);
        }
        times.add(Stage.READ, t1 - t0);
        times.add(Stage.CHECK, t2 - t1);
      } catch (IOException | RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        reporter.report(Message.INTERNAL_ERROR, method,
            Message.Part.METHOD.text(method.getEnclosingElement().getSimpleName(), method.getSimpleName()),
            Failures.summary(e));
      }
    }
  }

  /** The plan, located on first use: once per compilation, whether a method or only the catalog needs it. */
  private PlanLocator.Result plan() {
    if (plan == null) {
      plan = PlanLocator.locate(processingEnv.getOptions(), processingEnv.getFiler(), reporter);
    }
    return plan;
  }

  /**
   * Keeps the index and the catalog true in a compilation that has no Trackweave annotation, where javac does
   * not run {@link TrackweaveProcessor}: an incremental compilation that recompiles a class whose last
   * annotation was just removed, or one that runs after a tracked class was deleted. Without it the removed
   * method would stay woven until a clean build. It supports every annotation ({@code *}) so that javac runs
   * it always, claims none (other processors, and javac's -Xlint:processing, see every annotation as before),
   * and does nothing unless the class output already holds an index: a clean build costs nothing. It stays
   * nested: builds that name processors explicitly name it {@code TrackweaveProcessor$IndexKeeper}.
   */
  @AutoService(Processor.class)
  public static final class IndexKeeper extends AbstractProcessor {
    private final TrackweaveProcessor index = new TrackweaveProcessor();
    private boolean active;
    private boolean tracked;
    private Set<TypeElement> trackweaveAnnotations;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      // its errors still count; its warnings (e.g. "no tracking plan") belong to compilations that track
      index.init(env, new Reporter(new QuietMessager(env.getMessager())));
      active = index.files.read(INDEX) != null;
      trackweaveAnnotations = new LinkedHashSet<>();
      // the annotations that make javac run TrackweaveProcessor (see its getSupportedAnnotationTypes)
      for (String name : List.of("TrackEvent", "IdentifyOn", "IdentifyObject", "DeleteObject", "Prop", "Attr",
          "CustomerId", "AnonymousId", "EventTimestamp", "Payload", "NotTracked", "ObjectId", "RelationshipAttr",
          GENERATED)) {
        TypeElement type = env.getElementUtils()
            .getTypeElement(name.indexOf('.') < 0 ? "io.trackweave.annotations." + name : name);
        if (type != null) {
          trackweaveAnnotations.add(type);
        }
      }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!active || tracked) {
        return false;
      }
      try {
        for (TypeElement annotation : annotations) {
          // offered here when javac asks this processor first; else TrackweaveProcessor has claimed them
          tracked |= trackweaveAnnotations.contains(annotation);
        }
        if (!tracked && !round.getRootElements().isEmpty() && !trackweaveAnnotations.isEmpty()) {
          tracked = !round.getElementsAnnotatedWithAny(trackweaveAnnotations.toArray(new TypeElement[0])).isEmpty();
        }
        if (tracked) {
          return false; // TrackweaveProcessor runs in this compilation, and writes the files
        }
        for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
          index.compiledTypes.add(type);
        }
        if (round.processingOver()) {
          index.indexAndCatalog.write(List.of());
        }
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        index.reporter.report(Message.INTERNAL_ERROR, null, Message.Part.THIS_COMPILATION.text(),
            Failures.summary(e));
      }
      return false;
    }
  }
}
