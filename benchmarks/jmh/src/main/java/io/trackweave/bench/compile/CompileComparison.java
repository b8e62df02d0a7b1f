package io.trackweave.bench.compile;

import io.trackweave.bench.compile.Workloads.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;

/**
 * Issue 11's build-cost comparison: each workload of {@link Workloads} compiled with its processor and
 * without it, the variants <em>alternating</em> round by round in one run, so a load spike on this shared
 * machine lands on all of them alike; medians and ratios.
 *
 * <ul>
 *   <li>warm: javac through javax.tools in this JVM (a build daemon, an IDE), after warm-up rounds; wall
 *       time and the compiling thread's CPU time;
 *   <li>cold: a new {@code javac} process per compilation (a command-line or CI build), processors loaded
 *       from {@code -processorpath} (this jar); wall time and the process's CPU time (user + sys, all
 *       threads, from {@code /usr/bin/time}).
 * </ul>
 *
 * <pre>{@code
 * java -cp benchmarks/jmh/target/benchmarks.jar io.trackweave.bench.compile.CompileComparison [warmRounds] [coldRounds]
 * }</pre>
 */
public final class CompileComparison {
  private static final String MAPSTRUCT = "org.mapstruct.ap.MappingProcessor";

  private CompileComparison() {}

  /** {@code generated}: plain javac on the sources plus what the processor generated (its own work left out). */
  private record Variant(String name, Workload workload, boolean processed, List<Path> generated) {
    Variant(String name, Workload workload, boolean processed) {
      this(name, workload, processed, null);
    }

    String label() {
      if (generated != null) {
        return workload.name() + " plain + generated sources";
      }
      return workload.name() + (processed ? (workload.plan() == null ? " + MapStruct" : " + Trackweave") : " plain");
    }

    List<Path> sources() {
      if (generated == null) {
        return workload.sources();
      }
      List<Path> all = new ArrayList<>(workload.sources());
      all.addAll(generated);
      return all;
    }

    List<String> warmOptions() {
      if (!processed) {
        return List.of("-proc:none");
      }
      return workload.plan() == null ? List.of() : Javac.planOptions(workload.plan());
    }

    Processor newProcessor() {
      if (!processed) {
        return null;
      }
      if (workload.plan() != null) {
        return Javac.newTrackweaveProcessor();
      }
      try {
        return (Processor) Class.forName(MAPSTRUCT).getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    List<String> coldOptions() {
      if (!processed) {
        return List.of("-proc:none");
      }
      if (workload.plan() != null) {
        return Javac.processorOptions(workload.plan());
      }
      return List.of("-processorpath", Javac.selfLocation().toString(), "-processor", MAPSTRUCT);
    }
  }

  private static final class Samples {
    final List<Double> wall = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
  }

  public static void main(String[] args) throws IOException {
    int warmRounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int coldRounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int warmUps = 3;
    Path root = Files.createTempDirectory("trackweave-compile-compare");
    try {
      List<Workload> workloads = List.of(Workloads.worst(root), Workloads.realistic(root), Workloads.mapstruct(root));
      List<Variant> variants = new ArrayList<>();
      for (Workload w : workloads) {
        variants.add(new Variant(w.name() + "-plain", w, false));
        variants.add(new Variant(w.name() + "-processed", w, true));
      }
      variants = check(root, variants);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Variant, Samples> warm = new LinkedHashMap<>();
      Map<Variant, Samples> cold = new LinkedHashMap<>();
      variants.forEach(v -> {
        warm.put(v, new Samples());
        cold.put(v, new Samples());
      });
      System.out.println("[compile-compare] load before: " + load());
      for (int round = -warmUps; round < warmRounds; round++) {
        for (Variant v : variants) {
          Path out = Files.createTempDirectory(root, "out");
          Processor p = v.newProcessor();
          long cpu0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          Javac.compile(v.sources(), v.workload().classpath(), out, v.warmOptions(), p);
          long t1 = System.nanoTime();
          long cpu1 = threads.getCurrentThreadCpuTime();
          Javac.deleteTree(out);
          if (round >= 0) {
            warm.get(v).wall.add((t1 - t0) / 1e6);
            warm.get(v).cpu.add((cpu1 - cpu0) / 1e6);
          }
        }
      }
      System.out.println("[compile-compare] load after warm: " + load());
      for (int round = 0; round < coldRounds; round++) {
        for (Variant v : variants) {
          Path out = Files.createTempDirectory(root, "out");
          double[] wallCpu = compileCold(v, out);
          Javac.deleteTree(out);
          cold.get(v).wall.add(wallCpu[0]);
          cold.get(v).cpu.add(wallCpu[1]);
        }
      }
      System.out.println("[compile-compare] load after cold: " + load());
      System.out.println();
      System.out.println("| workload | javac | without, ms (wall / CPU) | with the processor, ms (wall / CPU) | ratio wall | ratio CPU |");
      System.out.println("|---|---|---|---|---|---|");
      for (Workload w : workloads) {
        for (String kind : List.of("warm", "cold")) {
          Map<Variant, Samples> m = kind.equals("warm") ? warm : cold;
          Samples plain = m.get(byName(variants, w.name() + "-plain"));
          Samples with = m.get(byName(variants, w.name() + "-processed"));
          System.out.printf(Locale.ROOT, "| %s | %s | %.0f / %.0f | %.0f / %.0f | x%.2f | x%.2f |%n",
              new Variant("", w, true).label(), kind, median(plain.wall), median(plain.cpu), median(with.wall),
              median(with.cpu), median(with.wall) / median(plain.wall), median(with.cpu) / median(plain.cpu));
          Variant gen = byName(variants, w.name() + "-generated");
          if (gen != null) {
            Samples g = m.get(gen);
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f / %.0f | %.0f / %.0f | x%.2f | x%.2f |%n",
                gen.label() + " (no processor)", kind, median(plain.wall), median(plain.cpu), median(g.wall),
                median(g.cpu), median(g.wall) / median(plain.wall), median(g.cpu) / median(plain.cpu));
          }
        }
      }
      System.out.println();
      System.out.printf(Locale.ROOT, "(medians; warm: %d rounds after %d warm-up rounds; cold: %d rounds; variants alternate within each round)%n",
          warmRounds, warmUps, coldRounds);
      for (Variant v : variants) {
        System.out.println("[compile-compare] " + v.label() + " warm wall " + fmt(warm.get(v).wall) + "; cold wall " + fmt(cold.get(v).wall)
            + "; cold cpu " + fmt(cold.get(v).cpu));
      }
    } finally {
      Javac.deleteTree(root);
    }
  }

  /**
   * One untimed compilation of each variant: fails early, and proves each processor did its work. Adds,
   * after each Trackweave variant, the one that compiles its generated sources without the processor,
   * and prints the processor's own stage timings ({@code -Atrackweave.timing=true}) of that run.
   */
  private static List<Variant> check(Path root, List<Variant> variants) throws IOException {
    List<Variant> all = new ArrayList<>();
    for (Variant v : variants) {
      all.add(v);
      Path out = root.resolve("check-" + v.name());
      List<String> options = new ArrayList<>(v.warmOptions());
      Path gen = root.resolve("generated-" + v.name());
      Files.createDirectories(gen);
      options.add("-s");
      options.add(gen.toString());
      boolean trackweave = v.processed() && v.workload().plan() != null;
      if (trackweave) {
        options.add("-Atrackweave.timing=true");
      }
      List<String> notes = new ArrayList<>();
      int warnings = Javac.compile(v.workload().sources(), v.workload().classpath(), out, options, v.newProcessor(), notes);
      for (String note : notes) {
        System.out.println("[compile-compare] " + v.label() + " note: " + note);
      }
      if (trackweave) {
        List<Path> generatedSources;
        try (Stream<Path> files = Files.walk(gen)) {
          generatedSources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        all.add(new Variant(v.workload().name() + "-generated", v.workload(), false, generatedSources));
      }
      long generated;
      try (Stream<Path> files = Files.walk(out)) {
        generated = files.filter(p -> {
          String n = p.getFileName().toString();
          return n.endsWith("_TrackweaveMapper.class") || n.endsWith("Impl.class");
        }).count();
      }
      System.out.println("[compile-compare] " + v.label() + ": " + v.workload().sources().size() + " sources, "
          + generated + " generated mapper classes, " + warnings + " warnings");
      long expected = !v.processed() ? 0
          : v.workload().name().equals("worst") ? Workloads.WORST_CLASSES : Workloads.REALISTIC_TRACKED;
      if (generated != expected) {
        throw new IllegalStateException(v.label() + ": expected " + expected + " generated mappers, found " + generated);
      }
    }
    return all;
  }

  private static double[] compileCold(Variant v, Path out) {
    Path timeBin = Path.of("/usr/bin/time");
    try {
      Path timing = Files.createTempFile(out.getParent(), "time", ".txt");
      long t0 = System.nanoTime();
      if (Files.isExecutable(timeBin)) {
        Javac.compileInNewJvm(v.sources(), v.workload().classpath(), out, v.coldOptions(),
            List.of(timeBin.toString(), "-f", "%U %S", "-o", timing.toString()));
      } else {
        Javac.compileInNewJvm(v.sources(), v.workload().classpath(), out, v.coldOptions());
      }
      long t1 = System.nanoTime();
      double cpu = Double.NaN;
      String text = Files.readString(timing).strip();
      if (!text.isEmpty()) {
        String[] lines = text.split("\n");
        String[] parts = lines[lines.length - 1].trim().split("\\s+");
        cpu = (Double.parseDouble(parts[0]) + Double.parseDouble(parts[1])) * 1000;
      }
      Files.deleteIfExists(timing);
      return new double[] {(t1 - t0) / 1e6, cpu};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Variant byName(List<Variant> variants, String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String fmt(List<Double> values) {
    return values.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList().toString();
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
