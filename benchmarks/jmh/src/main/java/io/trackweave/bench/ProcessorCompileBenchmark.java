package io.trackweave.bench;

import io.trackweave.bench.compile.GeneratedCodebase;
import io.trackweave.bench.compile.Javac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * records as payloads, plus their 100 records) against a plan with a matching event per method, with the
 * Trackweave processor (checks every method, writes 500 mappers, the index and the catalog, which javac
 * then compiles too) and with plain javac ({@code -proc:none}) on the same sources.
 *
 * <p>Each measured op is one whole javac run through javax.tools in this JVM, with a fresh file manager
 * and a fresh output directory; the processor is loaded by javac from {@code -processorpath} (this jar),
 * as in a build. Warm-up runs bring javac's own code to steady state, as in a long-lived build daemon; the
 * first, cold run of each fork is excluded.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ProcessorCompileBenchmark {
  public static final int CLASSES = 50;
  public static final int METHODS_PER_CLASS = 10;

  private Path root;
  private GeneratedCodebase codebase;
  private Path annotations;
  private Path out;
  private List<String> processorOptions;

  @Setup(Level.Trial)
  public void generate() throws IOException {
    root = Files.createTempDirectory("trackweave-compile-bench");
    codebase = GeneratedCodebase.write(root, CLASSES, METHODS_PER_CLASS);
    annotations = Javac.extractAnnotations(root.resolve("annotations"));
    processorOptions = Javac.processorOptions(codebase.plan());
    // one untimed run of each, so a broken set-up fails here and not in the middle of the figures
    out = root.resolve("check-plain");
    Javac.compile(codebase.sources(), List.of(annotations), out, List.of("-proc:none"));
    out = root.resolve("check-processor");
    Javac.compile(codebase.sources(), List.of(annotations), out, processorOptions);
    long mappers;
    try (var files = Files.walk(out)) {
      mappers = files.filter(p -> p.toString().endsWith(".class")).count() - 3L * CLASSES;
    }
    System.out.println();
    System.out.println("[compile] " + codebase.sources().size() + " sources; with the processor, "
        + mappers + " generated classes (expect >= " + CLASSES * METHODS_PER_CLASS + ")");
    if (mappers < (long) CLASSES * METHODS_PER_CLASS) {
      throw new IllegalStateException("the processor did not generate a mapper per method");
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
  public int javacPlain() {
    return Javac.compile(codebase.sources(), List.of(annotations), out, List.of("-proc:none"));
  }

  @Benchmark
  public int javacWithTrackweaveProcessor() {
    return Javac.compile(codebase.sources(), List.of(annotations), out, processorOptions);
  }
}
