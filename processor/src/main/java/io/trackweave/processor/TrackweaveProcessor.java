package io.trackweave.processor;

import com.google.auto.service.AutoService;
import io.trackweave.annotations.DeleteObject;
import io.trackweave.annotations.IdentifyObject;
import io.trackweave.annotations.IdentifyOn;
import io.trackweave.annotations.TrackEvent;
import io.trackweave.processor.check.MethodChecker;
import io.trackweave.processor.check.MapperSpec;
import io.trackweave.processor.diagnostic.Message;
import io.trackweave.processor.diagnostic.Reporter;
import io.trackweave.processor.model.Accessibility;
import io.trackweave.processor.model.Binding;
import io.trackweave.processor.model.MethodModel;
import io.trackweave.processor.model.MethodReader;
import io.trackweave.processor.model.PayloadMembers;
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
 * {@code @TrackEvent}, {@code @IdentifyOn}, {@code @IdentifyObject} or {@code @DeleteObject} reads it ({@link MethodReader}), checks it against the plan
 * ({@link MethodChecker}) and writes its mapper ({@link MapperWriter}). When the last round is over it writes the
 * index the agent weaves from, and the catalog. Nothing it does throws out of javac: an unexpected failure
 * becomes one error diagnostic.
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

  private Reporter reporter;
  private PlanLocator.Result plan;
  private Shapes shapes;
  private MethodReader reader;
  private MethodChecker checker;
  private MapperWriter writer;
  private final List<MapperSpec> generated = new ArrayList<>();
  private final List<Deferred> deferred = new ArrayList<>();
  /** Binary names of every type this compilation compiles (root elements of all rounds, and their members). */
  private final Set<String> compiledTypes = new java.util.HashSet<>();
  /** Nanoseconds per stage: plan, read, check, render (JavaPoet model and text), filer (create and write the source), index. */
  private final long[] nanos = new long[6];
  private static final String[] STAGES = {"plan", "read", "check", "render", "filer", "index+catalog"};

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

  /** What this processor handles (and claims); {@link IndexKeeper} must recognise exactly these. */
  private static final String GENERATED = "javax.annotation.processing.Generated";

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
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (reporter == null) {
      reporter = new Reporter(processingEnv.getMessager());
    }
    try {
      for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
        collectTypes(type);
      }
      if (!annotations.isEmpty() || !deferred.isEmpty()) {
        processMethods(round);
      }
      if (round.processingOver()) {
        long t = System.nanoTime();
        writeIndexAndCatalog();
        nanos[5] += System.nanoTime() - t;
        if ("true".equalsIgnoreCase(processingEnv.getOptions().get(TIMING_OPTION))) {
          StringBuilder stages = new StringBuilder();
          for (int i = 0; i < STAGES.length; i++) {
            stages.append(Message.Part.TIMING_STAGE.text(STAGES[i], nanos[i] / 1_000_000));
          }
          reporter.report(Message.TIMING, null, Message.Part.TIMING.text(generated.size(), stages));
        }
      }
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reporter.report(Message.INTERNAL_ERROR, null, Message.Part.THIS_COMPILATION.text(), summary(e));
    }
    return true;
  }

  /**
   * Keeps the index and the catalog true in a compilation that has no Trackweave annotation, where javac does
   * not run {@link TrackweaveProcessor}: an incremental compilation that recompiles a class whose last
   * annotation was just removed, or one that runs after a tracked class was deleted. Without it the removed
   * method would stay woven until a clean build. It supports every annotation ({@code *}) so that javac runs
   * it always, claims none (other processors, and javac's -Xlint:processing, see every annotation as before),
   * and does nothing unless the class output already holds an index: a clean build costs nothing.
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
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
      super.init(env);
      index.init(env);
      // its errors still count; its warnings (e.g. "no tracking plan") belong to compilations that track
      index.reporter = new Reporter(new QuietMessager(env.getMessager()));
      active = index.read(INDEX) != null;
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
          index.collectTypes(type);
        }
        if (round.processingOver()) {
          index.writeIndexAndCatalog();
        }
      } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        index.reporter.report(Message.INTERNAL_ERROR, null, Message.Part.THIS_COMPILATION.text(), summary(e));
      }
      return false;
    }
  }

  /** Passes errors on and drops the rest. */
  private record QuietMessager(javax.annotation.processing.Messager messager)
      implements javax.annotation.processing.Messager {
    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
      if (kind == Diagnostic.Kind.ERROR) {
        messager.printMessage(kind, msg);
      }
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e) {
      if (kind == Diagnostic.Kind.ERROR) {
        messager.printMessage(kind, msg, e);
      }
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e,
        javax.lang.model.element.AnnotationMirror a) {
      if (kind == Diagnostic.Kind.ERROR) {
        messager.printMessage(kind, msg, e, a);
      }
    }

    @Override
    public void printMessage(Diagnostic.Kind kind, CharSequence msg, Element e,
        javax.lang.model.element.AnnotationMirror a, javax.lang.model.element.AnnotationValue v) {
      if (kind == Diagnostic.Kind.ERROR) {
        messager.printMessage(kind, msg, e, a, v);
      }
    }
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
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(IdentifyObject.class)));
    methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(DeleteObject.class)));
    warnMarksOnUntrackedMethods(round);
    if (methods.isEmpty()) {
      return;
    }
    if (plan == null) {
      // once per compilation, however many rounds and methods
      long t = System.nanoTime();
      plan = PlanLocator.locate(processingEnv.getOptions(), processingEnv.getFiler(), reporter);
      nanos[0] += System.nanoTime() - t;

      shapes = new Shapes(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      PayloadMembers members = new PayloadMembers(processingEnv.getTypeUtils());
      Accessibility access = new Accessibility(processingEnv.getElementUtils());
      reader = new MethodReader(shapes, members, access, reporter);
      checker = new MethodChecker(plan.plan(), shapes, members, access, reporter, nullableRequired());
      writer = new MapperWriter(shapes, access);
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
        long t0 = System.nanoTime();
        MethodModel model = reader.read(method);
        long t1 = System.nanoTime();
        MapperSpec spec = checker.check(model);
        long t2 = System.nanoTime();
        if (spec != null) {
          // the source text is rendered once, then written through the Filer (javac compiles it next round)
          String source = writer.write(spec).toString();
          long t3 = System.nanoTime();
          writeSource(model, source);
          nanos[3] += t3 - t2;
          nanos[4] += System.nanoTime() - t3;
          generated.add(spec);
        }
        nanos[1] += t1 - t0;
        nanos[2] += t2 - t1;
      } catch (IOException | RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
        reporter.report(Message.INTERNAL_ERROR, method,
            Message.Part.METHOD.text(method.getEnclosingElement().getSimpleName(), method.getSimpleName()), summary(e));
      }
    }
  }

  /** The annotations that map a value: they mean something only on a method that tracks, identifies or writes an object. */
  private static final List<Class<? extends java.lang.annotation.Annotation>> MARKS = List.of(
      io.trackweave.annotations.Prop.class, io.trackweave.annotations.Attr.class,
      io.trackweave.annotations.CustomerId.class, io.trackweave.annotations.AnonymousId.class,
      io.trackweave.annotations.EventTimestamp.class, io.trackweave.annotations.Payload.class,
      io.trackweave.annotations.ObjectId.class, io.trackweave.annotations.RelationshipAttr.class);

  /**
   * A mark on a parameter of (or on) a method that has neither {@code @TrackEvent} nor {@code @IdentifyOn}
   * would otherwise compile silently and send nothing. Payload members carry the same marks legitimately:
   * record components (whose marks javac also copies to the accessor and the canonical constructor's
   * parameters) and getters, none of which takes a parameter, so a method is only suspect when it does.
   */
  private void warnMarksOnUntrackedMethods(RoundEnvironment round) {
    // one scan of the round's elements for all of them, not one per annotation
    Set<? extends Element> marked = round.getElementsAnnotatedWithAny(Set.copyOf(MARKS));
    if (marked.isEmpty()) {
      return;
    }
    for (Class<? extends java.lang.annotation.Annotation> mark : MARKS) {
      for (Element e : marked) {
        if (Reporter.mirror(e, mark.getSimpleName()) == null) {
          continue;
        }
        ExecutableElement method;
        if (e.getKind() == javax.lang.model.element.ElementKind.PARAMETER
            && e.getEnclosingElement().getKind() == javax.lang.model.element.ElementKind.METHOD) {
          method = (ExecutableElement) e.getEnclosingElement();
        } else if (e.getKind() == javax.lang.model.element.ElementKind.METHOD
            && !((ExecutableElement) e).getParameters().isEmpty()) {
          method = (ExecutableElement) e;
        } else {
          continue;
        }
        if (method.getAnnotation(TrackEvent.class) != null || method.getAnnotation(IdentifyOn.class) != null
            || method.getAnnotation(IdentifyObject.class) != null || method.getAnnotation(DeleteObject.class) != null) {
          continue;
        }
        String name = mark.getSimpleName();
        String methodName = Message.Part.METHOD.text(method.getEnclosingElement().getSimpleName(), method.getSimpleName());
        reporter.reportAt(Message.MARK_ON_UNTRACKED_METHOD, e, name, null, name,
            e == method ? Message.Part.METHOD_SOURCE.text(methodName) : Binding.describe(e), methodName, methodName,
            name);
      }
    }
  }

  private void writeSource(MethodModel model, String source) throws IOException {
    // a top-level class: its binary name is its canonical name
    javax.tools.JavaFileObject file = processingEnv.getFiler().createSourceFile(model.mapperBinaryName(), model.owner());
    try (Writer w = file.openWriter()) {
      w.write(source);
    } catch (IOException | RuntimeException e) {
      file.delete(); // no half-written mapper for javac to trip over
      throw e;
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

  private void collectTypes(TypeElement type) {
    compiledTypes.add(processingEnv.getElementUtils().getBinaryName(type).toString());
    for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectTypes(member);
    }
  }

  /**
   * Writes the index and the catalog: this compilation's methods, merged with the previous files' entries
   * for classes it did not compile. An incremental compilation (an IDE, or Maven recompiling changed files)
   * compiles a subset of the sources into the same class output; rewriting the index from that subset
   * alone would drop every other class from weaving. An entry is kept when its owner is not among the
   * types compiled now (those are replaced by what this run found, possibly nothing) and still exists on
   * the class path; an owner that is gone takes its entries with it.
   */
  private void writeIndexAndCatalog() {
    String previousIndex = read(INDEX);
    if (previousIndex != null && !previousIndex.startsWith("# trackweave-index 1\n")) {
      previousIndex = null; // another format: nothing we can merge safely, so this run's methods replace it
    }
    if (generated.isEmpty() && previousIndex == null) {
      return; // nothing annotated now or before: no files
    }
    if (plan == null) {
      // annotations seen but no method to check (e.g. the last annotated method was removed): the catalog
      // still names the plan
      plan = PlanLocator.locate(processingEnv.getOptions(), processingEnv.getFiler(), reporter);
    }
    Map<String, TypeElement> owners = new LinkedHashMap<>();
    Map<String, String> lines = new java.util.TreeMap<>(); // owner method descriptor -> whole line
    Map<String, String> keptDescriptors = new java.util.HashMap<>(); // mapper -> descriptor
    boolean dropped = false;
    if (previousIndex != null) {
      for (String line : previousIndex.split("\n")) {
        String[] f = line.strip().split(" ");
        if (line.startsWith("#") || f.length != 4) {
          continue;
        }
        if (compiledTypes.contains(f[0]) || !exists(f[0])) {
          dropped = true; // recompiled now (its entries are what this run found), or gone
          continue;
        }
        lines.put(f[0] + " " + f[1] + " " + f[2], String.join(" ", f));
        keptDescriptors.put(f[3], f[2]);
      }
    }
    if (generated.isEmpty() && !dropped) {
      return; // a compilation that touched no tracked class: the files stay as they are
    }
    for (MapperSpec spec : generated) {
      MethodModel m = spec.model();
      owners.putIfAbsent(m.ownerBinaryName(), m.owner());
      String key = m.ownerBinaryName() + " " + m.method().getSimpleName() + " " + m.descriptor();
      String old = lines.put(key, key + " " + m.mapperBinaryName());
      if (old != null) {
        keptDescriptors.remove(old.substring(old.lastIndexOf(' ') + 1));
      }
    }
    // sorted by whole line, as the contract says (the key order could differ where names share a prefix)
    Set<String> sorted = new TreeSet<>(lines.values());
    Element[] originating = owners.values().toArray(new Element[0]);
    StringBuilder index = new StringBuilder("# trackweave-index 1\n");
    for (String line : sorted) {
      index.append(line).append('\n');
    }
    List<Catalog.Entry> retained = keptDescriptors.isEmpty() ? List.of()
        : Catalog.retained(read(CATALOG_JSON), keptDescriptors);
    Catalog catalog = new Catalog(plan.plan(), generated, retained);
    write(INDEX, index.toString(), originating);
    write(CATALOG_JSON, catalog.json(), originating);
    write(CATALOG_MD, catalog.markdown(), originating);
  }

  /** Whether a class of this binary name is compiled now or on the class path. */
  private boolean exists(String binaryName) {
    javax.lang.model.util.Elements elements = processingEnv.getElementUtils();
    TypeElement type = elements.getTypeElement(binaryName.replace('$', '.'));
    if (type == null && binaryName.indexOf('$') >= 0) {
      type = elements.getTypeElement(binaryName); // a top-level class with '$' in its name
    }
    return type != null && elements.getBinaryName(type).contentEquals(binaryName);
  }

  /** A resource previously written to the class output, or null when there is none (or it cannot be read). */
  private String read(String name) {
    try {
      FileObject file = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", name);
      try (java.io.InputStream in = file.openInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      return null; // first build, or an output that is not a directory we can read back: nothing to merge
    }
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
