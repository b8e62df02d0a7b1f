package io.trackweave.architecture;

import static java.util.stream.Collectors.toUnmodifiableSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The module table: which module may depend on which, where its classes live, and which of its packages are
 * published API. README.md's "Modules" section is the same table in prose; when one changes, change both.
 *
 * <p>Modules are told apart by the folder their classes were compiled into, not by package: the Kafka transport
 * lives in {@code io.trackweave.runtime.kafka}, inside the runtime's package tree but outside its jar.
 */
enum TrackweaveModule {
  // folder, artifact, published packages (null: not a library users compile against), may depend on
  ANNOTATIONS("annotations", "trackweave-annotations",
      List.of("io.trackweave.annotations", "io.trackweave.api")),
  PLAN("plan", "trackweave-plan",
      List.of("io.trackweave.plan"), ANNOTATIONS),
  // a tool on the annotation-processor path: users never compile against its classes, its contract is the
  // -A options and the generated code (pinned by the processor's own tests)
  PROCESSOR("processor", "trackweave-processor",
      null, ANNOTATIONS, PLAN),
  RUNTIME("runtime", "trackweave-runtime",
      List.of("io.trackweave.runtime"), ANNOTATIONS),
  // users name two classes: the premain class (by the jar's manifest) and the build-time Byte Buddy plugin (in
  // their build file); io.trackweave.agent.internal.* is the agent's own workings
  AGENT("agent", "trackweave-agent",
      List.of("io.trackweave.agent", "io.trackweave.agent.build"), ANNOTATIONS, RUNTIME),
  TESTKIT("testkit", "trackweave-testkit",
      List.of("io.trackweave.testkit"), ANNOTATIONS, PLAN, RUNTIME),
  MICROMETER("micrometer", "trackweave-micrometer",
      List.of("io.trackweave.micrometer"), RUNTIME),
  SPRING_BOOT_STARTER("spring-boot-starter", "trackweave-spring-boot-starter",
      List.of("io.trackweave.spring.boot"), ANNOTATIONS, RUNTIME, MICROMETER),
  KAFKA("kafka", "trackweave-kafka",
      List.of("io.trackweave.runtime.kafka"), ANNOTATIONS, RUNTIME),
  RELAY("relay", "trackweave-relay",
      List.of("io.trackweave.relay"), RUNTIME, KAFKA);

  final String folder;
  final String artifact;
  /** Root packages of the published API (their sub-packages too, except {@code internal} ones); null if none. */
  final List<String> apiPackages;
  private final TrackweaveModule[] dependsOn;

  TrackweaveModule(String folder, String artifact, List<String> apiPackages, TrackweaveModule... dependsOn) {
    this.folder = folder;
    this.artifact = artifact;
    this.apiPackages = apiPackages;
    this.dependsOn = dependsOn;
  }

  /** The modules this one may use directly (not transitively: each use is declared). */
  Set<TrackweaveModule> dependsOn() {
    return Arrays.stream(dependsOn).collect(toUnmodifiableSet());
  }

  boolean published() {
    return apiPackages != null;
  }

  Path classesDirectory() {
    Path root = Path.of(System.getProperty("trackweave.root", ".."));
    Path classes = root.resolve(folder).resolve("target").resolve("classes").normalize();
    if (!Files.isDirectory(classes)) {
      throw new IllegalStateException(classes + " does not exist: build the module first, e.g. "
          + "mvn -B verify -pl architecture -am");
    }
    return classes;
  }

  private static final Map<TrackweaveModule, JavaClasses> CLASSES = new ConcurrentHashMap<>();
  private static volatile JavaClasses all;

  /** This module's main classes (its target/classes, not its tests). */
  JavaClasses classes() {
    return CLASSES.computeIfAbsent(this, m -> new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(m.classesDirectory()));
  }

  /** Every module's main classes in one import, so that dependencies between modules resolve to them. */
  static JavaClasses allClasses() {
    JavaClasses result = all;
    if (result == null) {
      result = new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPaths(Arrays.stream(values()).map(TrackweaveModule::classesDirectory).toList());
      all = result;
    }
    return result;
  }

  /** The module a class was compiled in, by the folder it was imported from; empty for JDK and libraries. */
  static Optional<TrackweaveModule> of(JavaClass javaClass) {
    return javaClass.getSource().flatMap(source -> {
      String uri = source.getUri().toString();
      for (TrackweaveModule module : values()) {
        if (uri.contains("/" + module.folder + "/target/classes/")) {
          return Optional.of(module);
        }
      }
      return Optional.empty();
    });
  }

  /** True for {@code ...internal} packages and everything below them. */
  static boolean isInternal(String packageName) {
    return packageName.endsWith(".internal") || packageName.contains(".internal.");
  }
}
