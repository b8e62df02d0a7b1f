package io.trackweave.bench.compile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * javac through javax.tools, the way a build tool drives it: a fresh file manager per compilation, the
 * Trackweave processor (when asked) loaded from {@code -processorpath}, i.e. from this benchmark jar,
 * which carries the processor and its dependencies.
 */
public final class Javac {
  private Javac() {}

  /** The jar (or class directory) this code runs from: the benchmarks uber jar. */
  public static Path selfLocation() {
    try {
      return Path.of(Javac.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Changes whenever this jar is rebuilt: keys caches of things built with its processor. */
  public static String selfStamp() {
    try {
      Path self = selfLocation();
      return Long.toHexString(Files.getLastModifiedTime(self).toMillis() ^ Files.size(self));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Trackweave annotation processor's class name, from its service registration. */
  public static String trackweaveProcessor() {
    try {
      Enumeration<URL> services =
          Javac.class.getClassLoader().getResources("META-INF/services/javax.annotation.processing.Processor");
      while (services.hasMoreElements()) {
        try (InputStream in = services.nextElement().openStream();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            String name = line.strip();
            if (name.startsWith("io.trackweave.")) {
              return name;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(
        "no Trackweave annotation processor registered on the class path (is trackweave-processor installed?)");
  }

  /**
   * Copies trackweave-annotations (packages io.trackweave.annotations and io.trackweave.api) out of
   * this jar into {@code dir}: the compile class path of generated sources, and what an application jar
   * ships.
   */
  public static Path extractAnnotations(Path dir) {
    try {
      Files.createDirectories(dir);
      Path self = selfLocation();
      if (Files.isDirectory(self)) {
        for (String pkg : List.of("io/trackweave/annotations", "io/trackweave/api")) {
          Path from = self.resolve(pkg);
          try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
              Path to = dir.resolve(self.relativize(f).toString());
              Files.createDirectories(to.getParent());
              Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
        return dir;
      }
      try (JarFile jar = new JarFile(self.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          String name = e.getName();
          if (!e.isDirectory()
              && (name.startsWith("io/trackweave/annotations/") || name.startsWith("io/trackweave/api/"))) {
            Path to = dir.resolve(name);
            Files.createDirectories(to.getParent());
            try (InputStream in = jar.getInputStream(e)) {
              Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles; throws with javac's errors when it fails. Returns the number of warnings. */
  public static int compile(List<Path> sources, List<Path> classpath, Path out, List<String> extraOptions) {
    return compile(sources, classpath, out, extraOptions, null);
  }

  /**
   * As {@link #compile(List, List, Path, List)}; with {@code processor} non-null, javac runs that
   * processor instance (already loaded, so warm) and no other.
   */
  public static int compile(
      List<Path> sources, List<Path> classpath, Path out, List<String> extraOptions, Processor processor) {
    return compile(sources, classpath, out, extraOptions, processor, null);
  }

  /** As {@link #compile(List, List, Path, List, Processor)}, adding javac's notes to {@code notes} (when non-null). */
  public static int compile(List<Path> sources, List<Path> classpath, Path out, List<String> extraOptions,
      Processor processor, List<String> notes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the benchmarks on a JDK");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(out);
      List<String> options = new ArrayList<>();
      options.add("--release");
      options.add("17");
      options.add("-d");
      options.add(out.toString());
      options.add("-cp");
      options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      options.add("-implicit:none");
      options.addAll(extraOptions);
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources));
      if (processor != null) {
        task.setProcessors(List.of(processor));
      }
      Boolean ok = task.call();
      int warnings = 0;
      StringBuilder errors = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.append(d).append('\n');
        } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
          warnings++;
        } else if (d.getKind() == Diagnostic.Kind.NOTE && notes != null) {
          notes.add(d.getMessage(Locale.ROOT));
        }
      }
      if (!Boolean.TRUE.equals(ok)) {
        throw new IllegalStateException("javac failed:\n" + truncate(errors));
      }
      return warnings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new instance of the Trackweave processor, loaded by this code's class loader. */
  public static Processor newTrackweaveProcessor() {
    try {
      return (Processor) Class.forName(trackweaveProcessor()).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The options for a processor instance passed to {@link #compile(List, List, Path, List, Processor)}. */
  public static List<String> planOptions(Path plan) {
    return List.of("-Atrackweave.plan=" + plan, "-Atrackweave.requirePlan=true");
  }

  /**
   * Compiles in a new {@code javac} process (the JDK's launcher next to this JVM's java), as a cold
   * command-line build does; the arguments go through an @file.
   */
  public static void compileInNewJvm(List<Path> sources, List<Path> classpath, Path out, List<String> extraOptions) {
    compileInNewJvm(sources, classpath, out, extraOptions, List.of());
  }

  /** As {@link #compileInNewJvm(List, List, Path, List)}, the javac command behind {@code prefix} (e.g. /usr/bin/time). */
  public static void compileInNewJvm(
      List<Path> sources, List<Path> classpath, Path out, List<String> extraOptions, List<String> prefix) {
    try {
      Files.createDirectories(out);
      List<String> args = new ArrayList<>();
      args.add("--release");
      args.add("17");
      args.add("-d");
      args.add(out.toString());
      args.add("-cp");
      args.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
      args.add("-implicit:none");
      args.addAll(extraOptions);
      for (Path source : sources) {
        args.add(source.toString());
      }
      Path argFile = Files.createTempFile(out.getParent(), "javac", ".args");
      Files.write(argFile, args.stream().map(a -> "\"" + a.replace("\\", "\\\\") + "\"").toList());
      Path javacBin = Path.of(System.getProperty("java.home"), "bin", "javac");
      Path log = Files.createTempFile(out.getParent(), "javac", ".log");
      List<String> command = new ArrayList<>(prefix);
      command.add(javacBin.toString());
      command.add("@" + argFile);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("javac exited with " + exit + ":\n" + Files.readString(log));
      }
      Files.delete(argFile);
      Files.delete(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The options that run the Trackweave processor, loaded from this jar, against {@code plan}. */
  public static List<String> processorOptions(Path plan) {
    return List.of(
        "-processorpath", selfLocation().toString(),
        "-processor", trackweaveProcessor(),
        "-Atrackweave.plan=" + plan,
        "-Atrackweave.requirePlan=true");
  }

  /** Writes a jar of every file under the given directories; for a name in two of them, the first wins. */
  public static void jar(Path jarFile, List<Path> roots) {
    try (OutputStream os = Files.newOutputStream(jarFile);
        JarOutputStream jar = new JarOutputStream(os)) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Path root : roots) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
          files = s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        }
        for (Path f : files) {
          String name = root.relativize(f).toString().replace(java.io.File.separatorChar, '/');
          if (!seen.add(name)) {
            continue;
          }
          jar.putNextEntry(new JarEntry(name));
          Files.copy(f, jar);
          jar.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a text resource of this jar to {@code to}. */
  public static Path copyResource(String resource, Path to) {
    try (InputStream in = Javac.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Files.createDirectories(to.getParent());
      Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String truncate(StringBuilder s) {
    return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s.toString();
  }
}
