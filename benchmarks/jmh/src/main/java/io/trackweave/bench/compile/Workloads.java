package io.trackweave.bench.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Issue 11's compile workloads, each a set of sources compiled with a processor and without it
 * ({@code -proc:none}, the same sources):
 *
 * <ul>
 *   <li>{@code worst}: 500 classes, each with nothing but one {@code @TrackEvent} one-line method (two
 *       properties), and a plan with one event per method: generated code outweighs hand-written code as
 *       much as it can;
 *   <li>{@code realistic}: 400 ordinary classes (fields, a few methods with loops, lambdas, collections;
 *       about 45 lines each), 40 of which also have one {@code @TrackEvent} method;
 *   <li>{@code mapstruct}: the peer doing comparable work: the same 400 classes, and beside 40 of them a
 *       MapStruct {@code @Mapper} interface with one method mapping a three-property record to another
 *       (MapStruct 1.6 generates 40 mapper classes).
 * </ul>
 */
public final class Workloads {
  public static final int WORST_CLASSES = 500;
  public static final int REALISTIC_CLASSES = 400;
  public static final int REALISTIC_TRACKED = 40;

  private Workloads() {}

  /** Sources and, for Trackweave, the plan; {@code classpath} holds the annotations they compile against. */
  public record Workload(String name, List<Path> sources, Path plan, List<Path> classpath) {}

  public static Workload worst(Path root) {
    try {
      Path src = root.resolve("worst-src");
      List<Path> sources = new ArrayList<>();
      sources.add(nonNull(src));
      StringBuilder plan = planHeader();
      for (int c = 0; c < WORST_CLASSES; c++) {
        String n = String.format("%03d", c);
        sources.add(write(src.resolve("bench/worst/Tracked" + n + ".java"),
            "package bench.worst;\n\n"
                + "import bench.NonNull;\n"
                + "import io.trackweave.annotations.CustomerId;\n"
                + "import io.trackweave.annotations.Prop;\n"
                + "import io.trackweave.annotations.TrackEvent;\n\n"
                + "public class Tracked" + n + " {\n"
                + "  @TrackEvent(\"evt_" + n + "\")\n"
                + "  public void completed(@CustomerId String customerId, @NonNull @Prop(\"order_id\") String orderId,"
                + " @Prop(\"revenue\") double revenue) {}\n"
                + "}\n"));
        planEvent(plan, "evt_" + n);
      }
      Path planFile = write(root.resolve("worst-plan.yaml"), plan.toString());
      return new Workload("worst", List.copyOf(sources), planFile, List.of(Javac.extractAnnotations(root.resolve("tw-annotations"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Workload realistic(Path root) {
    try {
      Path src = root.resolve("realistic-src");
      List<Path> sources = new ArrayList<>();
      sources.add(nonNull(src));
      StringBuilder plan = planHeader();
      for (int c = 0; c < REALISTIC_CLASSES; c++) {
        String n = String.format("%03d", c);
        boolean tracked = c % (REALISTIC_CLASSES / REALISTIC_TRACKED) == 0;
        String extra = "";
        if (tracked) {
          extra = "  @io.trackweave.annotations.TrackEvent(\"evt_" + n + "\")\n"
              + "  public void completed(@io.trackweave.annotations.CustomerId String customerId,\n"
              + "      @bench.NonNull @io.trackweave.annotations.Prop(\"order_id\") String orderId,\n"
              + "      @io.trackweave.annotations.Prop(\"revenue\") double revenue) {\n"
              + "    record(orderId, (int) revenue);\n"
              + "  }\n";
          planEvent(plan, "evt_" + n);
        }
        sources.add(component(src, n, extra));
      }
      Path planFile = write(root.resolve("realistic-plan.yaml"), plan.toString());
      return new Workload("realistic", List.copyOf(sources), planFile, List.of(Javac.extractAnnotations(root.resolve("tw-annotations"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Workload mapstruct(Path root) {
    try {
      Path src = root.resolve("mapstruct-src");
      List<Path> sources = new ArrayList<>();
      for (int c = 0; c < REALISTIC_CLASSES; c++) {
        String n = String.format("%03d", c);
        sources.add(component(src, n, ""));
        if (c % (REALISTIC_CLASSES / REALISTIC_TRACKED) == 0) {
          String pkg = "bench.app.p" + n.substring(0, 2);
          Path dir = src.resolve(pkg.replace('.', '/'));
          sources.add(write(dir.resolve("Order" + n + ".java"),
              "package " + pkg + ";\n\npublic record Order" + n + "(String orderId, double revenue, String currency) {}\n"));
          sources.add(write(dir.resolve("OrderView" + n + ".java"),
              "package " + pkg + ";\n\npublic record OrderView" + n + "(String orderId, double revenue, String currency) {}\n"));
          sources.add(write(dir.resolve("OrderMapper" + n + ".java"),
              "package " + pkg + ";\n\nimport org.mapstruct.Mapper;\n\n"
                  + "@Mapper\npublic interface OrderMapper" + n + " {\n"
                  + "  OrderView" + n + " toView(Order" + n + " order);\n}\n"));
        }
      }
      return new Workload("mapstruct", List.copyOf(sources), null, List.of(mapstructAnnotations(root.resolve("ms-annotations"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An ordinary class: state, validation, a loop, a lambda, a builder; {@code extra} is appended. */
  private static Path component(Path src, String n, String extra) throws IOException {
    String pkg = "bench.app.p" + n.substring(0, 2);
    return write(src.resolve(pkg.replace('.', '/')).resolve("Component" + n + ".java"),
        "package " + pkg + ";\n\n"
            + "import java.util.ArrayList;\nimport java.util.HashMap;\nimport java.util.List;\nimport java.util.Map;\n\n"
            + "public class Component" + n + " {\n"
            + "  private final Map<String, Integer> counts = new HashMap<>();\n"
            + "  private final List<String> log = new ArrayList<>();\n"
            + "  private int total;\n\n"
            + "  public int record(String key, int amount) {\n"
            + "    if (key == null || key.isEmpty()) {\n"
            + "      throw new IllegalArgumentException(\"key\");\n"
            + "    }\n"
            + "    int next = counts.merge(key, amount, Integer::sum);\n"
            + "    total += amount;\n"
            + "    log.add(key + \"=\" + next);\n"
            + "    return next;\n"
            + "  }\n\n"
            + "  public List<String> top(int limit) {\n"
            + "    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());\n"
            + "    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));\n"
            + "    List<String> out = new ArrayList<>();\n"
            + "    for (int i = 0; i < Math.min(limit, entries.size()); i++) {\n"
            + "      out.add(entries.get(i).getKey());\n"
            + "    }\n"
            + "    return out;\n"
            + "  }\n\n"
            + "  public String summary() {\n"
            + "    StringBuilder sb = new StringBuilder(\"Component" + n + "[\");\n"
            + "    for (String line : log) {\n"
            + "      sb.append(line).append(';');\n"
            + "    }\n"
            + "    return sb.append(\"total=\").append(total).append(']').toString();\n"
            + "  }\n\n"
            + "  public double average() {\n"
            + "    return counts.isEmpty() ? 0 : (double) total / counts.size();\n"
            + "  }\n"
            + extra
            + "}\n");
  }

  private static Path nonNull(Path src) throws IOException {
    return write(src.resolve("bench/NonNull.java"),
        "package bench;\n\nimport java.lang.annotation.*;\n\n"
            + "@Retention(RetentionPolicy.CLASS)\n"
            + "@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.FIELD})\n"
            + "public @interface NonNull {}\n");
  }

  private static StringBuilder planHeader() {
    return new StringBuilder("plan: generated-benchmark\nversion: 1\nidentifier: id\n\nevents:\n");
  }

  private static void planEvent(StringBuilder plan, String event) {
    plan.append("  ").append(event).append(":\n")
        .append("    description: generated event.\n")
        .append("    schema:\n")
        .append("      type: object\n")
        .append("      required: [order_id]\n")
        .append("      additionalProperties: false\n")
        .append("      properties:\n")
        .append("        order_id: { type: string, minLength: 1 }\n")
        .append("        revenue:  { type: number, minimum: 0 }\n");
  }

  /** MapStruct's annotations ({@code org.mapstruct}, without its processor) out of this jar. */
  static Path mapstructAnnotations(Path dir) {
    try {
      Files.createDirectories(dir);
      Path self = Javac.selfLocation();
      try (JarFile jar = new JarFile(self.toFile())) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          String name = e.getName();
          if (!e.isDirectory() && name.startsWith("org/mapstruct/") && !name.startsWith("org/mapstruct/ap/")
              && name.endsWith(".class")) {
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

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
