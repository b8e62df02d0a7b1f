package io.trackweave.bench.startup;

import io.trackweave.bench.compile.Javac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The applications the start-up benchmark launches, each a jar built once into a cache directory:
 *
 * <ul>
 *   <li>{@code hello}: prints a line and exits; no Trackweave anywhere;
 *   <li>{@code helloTracked}: the same, after one call of an {@code @TrackEvent} method (compiled with the
 *       real processor against the shop plan, so it has a mapper and an index entry; the jar ships
 *       trackweave-annotations as an application would);
 *   <li>{@code classes2000Tracked}: helloTracked that first loads and initialises 2,000 generated classes.
 * </ul>
 *
 * <p>Beside them, {@link #noopAgent()}: a {@code -javaagent} jar whose {@code premain} returns at once, the
 * floor any agent starts from (opening the jar, the instrumentation set-up, one class).
 */
public final class StartupApps {
  public static final int CLASSES = 2000;

  private StartupApps() {}

  /** The app's jar and main class, building the apps on first use. */
  public static App get(String name) {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "trackweave-bench-startup-apps-v2-" + Javac.selfStamp());
    synchronized (StartupApps.class) {
      if (!Files.exists(dir.resolve("ready"))) {
        build(dir);
      }
    }
    return switch (name) {
      case "hello" -> new App(dir.resolve("hello.jar"), "Hello");
      case "helloTracked" -> new App(dir.resolve("hello-tracked.jar"), "app.TrackedHello");
      case "classes2000Tracked" -> new App(dir.resolve("classes2000-tracked.jar"), "app.ManyClasses");
      default -> throw new IllegalArgumentException("unknown app " + name);
    };
  }

  public record App(Path jar, String mainClass) {}

  /** The no-op agent's jar (built with the apps). */
  public static Path noopAgent() {
    get("hello");
    return Path.of(System.getProperty("java.io.tmpdir"), "trackweave-bench-startup-apps-v2-" + Javac.selfStamp())
        .resolve("noop-agent.jar");
  }

  private static void build(Path dir) {
    try {
      Javac.deleteTree(dir);
      Files.createDirectories(dir);
      Path annotations = Javac.extractAnnotations(dir.resolve("annotations"));
      Path plan = Javac.copyResource("/bench/shop-tracking-plan.yaml", dir.resolve("shop-tracking-plan.yaml"));

      // hello
      Path helloSrc = write(dir.resolve("hello-src/Hello.java"),
          "public class Hello {\n  public static void main(String[] args) {\n    System.out.println(\"hello\");\n  }\n}\n");
      Javac.compile(List.of(helloSrc), List.of(), dir.resolve("hello-classes"), List.of("-proc:none"));
      Javac.jar(dir.resolve("hello.jar"), List.of(dir.resolve("hello-classes")));

      // the no-op agent: premain returns at once
      Path agentSrc = write(dir.resolve("noop-agent-src/bench/NoopAgent.java"),
          "package bench;\n\npublic final class NoopAgent {\n"
              + "  public static void premain(String args, java.lang.instrument.Instrumentation instrumentation) {}\n}\n");
      Javac.compile(List.of(agentSrc), List.of(), dir.resolve("noop-agent-classes"), List.of("-proc:none"));
      java.util.jar.Manifest manifest = new java.util.jar.Manifest();
      manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().putValue("Premain-Class", "bench.NoopAgent");
      try (java.util.jar.JarOutputStream jar =
          new java.util.jar.JarOutputStream(Files.newOutputStream(dir.resolve("noop-agent.jar")), manifest)) {
        jar.putNextEntry(new java.util.jar.JarEntry("bench/NoopAgent.class"));
        Files.copy(dir.resolve("noop-agent-classes/bench/NoopAgent.class"), jar);
        jar.closeEntry();
      }

      // helloTracked and classes2000Tracked share the tracked part
      Path src = dir.resolve("app-src");
      List<Path> tracked = new ArrayList<>();
      tracked.add(write(src.resolve("app/LineItem.java"),
          "package app;\n\npublic record LineItem(String sku, String productName, int quantity, double unitPrice, String category) {}\n"));
      tracked.add(write(src.resolve("app/Order.java"),
          "package app;\n\nimport io.trackweave.annotations.Prop;\nimport java.util.List;\n\n"
              + "public record Order(String orderId, double revenue, String currency, @Prop(\"is_first_order\") boolean firstOrder,\n"
              + "    String discountCode, List<LineItem> items) {}\n"));
      tracked.add(write(src.resolve("app/Checkout.java"),
          "package app;\n\nimport io.trackweave.annotations.CustomerId;\nimport io.trackweave.annotations.Payload;\n"
              + "import io.trackweave.annotations.TrackEvent;\nimport java.util.List;\n\n"
              + "public class Checkout {\n"
              + "  @TrackEvent(\"order_completed\")\n"
              + "  public Order confirmPayment(@CustomerId String customerId, @Payload Order order) {\n"
              + "    return order;\n  }\n\n"
              + "  public static void confirmOne() {\n"
              + "    Order order = new Order(\"ord-\" + ProcessHandle.current().pid() + \"-\" + System.nanoTime(), 206.25, \"USD\", true, \"SPRING10\",\n"
              + "        List.of(new LineItem(\"SKU-1\", \"Sock\", 2, 14.5, \"socks\"), new LineItem(\"SKU-2\", \"Shoe\", 1, 119.0, \"shoes\"),\n"
              + "            new LineItem(\"SKU-3\", \"Tote\", 1, 58.25, \"bags\")));\n"
              + "    new Checkout().confirmPayment(\"cust-1\", order);\n  }\n}\n"));
      tracked.add(write(src.resolve("app/TrackedHello.java"),
          "package app;\n\npublic class TrackedHello {\n  public static void main(String[] args) {\n"
              + "    Checkout.confirmOne();\n    System.out.println(\"hello\");\n  }\n}\n"));
      StringBuilder touch = new StringBuilder();
      touch.append("package app;\n\npublic class ManyClasses {\n  public static void main(String[] args) {\n    long sum = 0;\n");
      List<Path> generated = new ArrayList<>();
      for (int i = 0; i < CLASSES; i++) {
        String n = String.format("C%04d", i);
        generated.add(write(src.resolve("app/gen/" + n + ".java"),
            "package app.gen;\n\npublic final class " + n + " implements java.util.function.IntSupplier {\n"
                + "  private static final String NAME = \"" + n + "\";\n"
                + "  private final int value = " + i + ";\n\n"
                + "  @Override\n  public int getAsInt() {\n    return value * 31 + NAME.length();\n  }\n\n"
                + "  @Override\n  public String toString() {\n    return NAME + ':' + value;\n  }\n}\n"));
        touch.append("    sum += new app.gen.").append(n).append("().getAsInt();\n");
      }
      touch.append("    Checkout.confirmOne();\n    System.out.println(\"hello \" + sum);\n  }\n}\n");
      Path many = write(src.resolve("app/ManyClasses.java"), touch.toString());

      List<Path> all = new ArrayList<>(tracked);
      all.addAll(generated);
      all.add(many);
      Path classes = dir.resolve("app-classes");
      Javac.compile(all, List.of(annotations), classes, Javac.processorOptions(plan));
      if (!Files.exists(classes.resolve("META-INF/trackweave/index"))) {
        throw new IllegalStateException("the processor wrote no index for the tracked app");
      }
      // hello-tracked: everything but the 2,000 classes
      Path trackedOnly = dir.resolve("tracked-classes");
      copyTree(classes, trackedOnly, p -> !p.contains("/gen/") && !p.endsWith("ManyClasses.class"));
      Javac.jar(dir.resolve("hello-tracked.jar"), List.of(trackedOnly, annotations));
      Javac.jar(dir.resolve("classes2000-tracked.jar"), List.of(classes, annotations));
      Files.writeString(dir.resolve("ready"), "ok\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to, java.util.function.Predicate<String> keep) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = from.relativize(f).toString().replace(java.io.File.separatorChar, '/');
        if (keep.test("/" + rel)) {
          Path target = to.resolve(rel);
          Files.createDirectories(target.getParent());
          Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
