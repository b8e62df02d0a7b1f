package io.trackweave.bench;

import io.trackweave.bench.compile.GeneratedCodebase;
import io.trackweave.bench.compile.Javac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3: compile time of 500 annotated methods (50 service classes x 10 {@code @TrackEvent} methods,
 * records as payloads, plus their 100 records), against a plan with a matching event per method: with
 * the Trackweave processor (it checks every method against the plan and writes 500 mappers, the index
 * and the catalog; javac then compiles the mappers too) and with plain javac ({@code -proc:none}) on the
 * same sources.
 *
 * <ul>
 *   <li>{@code *Warm}: javac through javax.tools inside this JVM after warm-up, a fresh file manager and
 *       output directory per op; the processor is one already-loaded class, a new instance per op (a
 *       build daemon or IDE);
 *   <li>{@code *Cold}: a new {@code javac} process per op, the processor loaded from {@code
 *       -processorpath} (this jar), as a command-line or CI build;
 *   <li>{@code plainWithGeneratedWarm}: plain javac on the same sources plus the 500 mapper sources the
 *       processor writes, so {@code processorWarm - plainWithGeneratedWarm} is the processor's own work
 *       and the rest is compiling the code it generates.
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ProcessorCompileBenchmark {
  public static final int CLASSES = 50;
  public static final int METHODS_PER_CLASS = 10;

  private Path root;
  private GeneratedCodebase codebase;
  private List<Path> classpath;
  private List<Path> sourcesAndGenerated;
  private Path out;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    root = Files.createTempDirectory("trackweave-compile-bench");
    codebase = GeneratedCodebase.write(root, CLASSES, METHODS_PER_CLASS);
    classpath = List.of(Javac.extractAnnotations(root.resolve("annotations")));
    // one untimed run of each, so a broken set-up fails here and not in the middle of the figures
    Javac.compile(codebase.sources(), classpath, root.resolve("check-plain"), List.of("-proc:none"));
    Path generated = root.resolve("generated");
    Files.createDirectories(generated);
    List<String> options = new ArrayList<>(Javac.planOptions(codebase.plan()));
    options.add("-s");
    options.add(generated.toString());
    Path checked = root.resolve("check-processor");
    int warnings = Javac.compile(codebase.sources(), classpath, checked, options, Javac.newTrackweaveProcessor());
    long indexed;
    try (Stream<String> lines = Files.lines(checked.resolve("META-INF/trackweave/index"))) {
      indexed = lines.filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    }
    List<Path> mappers;
    try (Stream<Path> files = Files.walk(generated)) {
      mappers = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    sourcesAndGenerated = new ArrayList<>(codebase.sources());
    sourcesAndGenerated.addAll(mappers);
    System.out.println();
    System.out.println("[compile] " + codebase.sources().size() + " sources; the processor indexed " + indexed
        + " methods, wrote " + mappers.size() + " sources, " + warnings + " warnings");
    if (indexed != (long) CLASSES * METHODS_PER_CLASS) {
      throw new IllegalStateException("the processor did not index every method");
    }
  }

  @Setup(Level.Invocation)
  public void freshOutput() throws IOException {
    out = Files.createTempDirectory(root, "out");
  }

  @TearDown(Level.Invocation)
  public void dropOutput() {
    Javac.deleteTree(out);
  }

  @TearDown(Level.Trial)
  public void cleanUp() {
    Javac.deleteTree(root);
  }

  @Benchmark
  @Warmup(iterations = 4)
  @Measurement(iterations = 5)
  public int plainWarm() {
    return Javac.compile(codebase.sources(), classpath, out, List.of("-proc:none"));
  }

  @Benchmark
  @Warmup(iterations = 4)
  @Measurement(iterations = 5)
  public int processorWarm() {
    return Javac.compile(codebase.sources(), classpath, out, Javac.planOptions(codebase.plan()), Javac.newTrackweaveProcessor());
  }

  @Benchmark
  @Warmup(iterations = 4)
  @Measurement(iterations = 5)
  public int plainWithGeneratedWarm() {
    return Javac.compile(sourcesAndGenerated, classpath, out, List.of("-proc:none"));
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 4)
  public void plainCold() {
    Javac.compileInNewJvm(codebase.sources(), classpath, out, List.of("-proc:none"));
  }

  @Benchmark
  @Warmup(iterations = 1)
  @Measurement(iterations = 4)
  public void processorCold() {
    Javac.compileInNewJvm(codebase.sources(), classpath, out, Javac.processorOptions(codebase.plan()));
  }
}
