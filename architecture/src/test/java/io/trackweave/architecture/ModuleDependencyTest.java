package io.trackweave.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The module table (README.md, "Modules"; {@link TrackweaveModule}): a module's classes use another module's
 * classes only if the table says it may depend on that module. Transitive use does not count: the starter does not
 * reach the annotations through the runtime, it declares them.
 */
class ModuleDependencyTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrackweaveModule.class)
  void dependsOnlyOnTheModulesTheTableAllows(TrackweaveModule module) {
    classes().that(belongTo(module))
        .should(onlyUseModulesAllowedFor(module))
        .because("README.md's module table says " + module.folder + " may depend on " + module.dependsOn())
        .check(TrackweaveModule.allClasses());
  }

  /**
   * The libraries each module may use directly, by package (README.md's "and on" column). The JDK is always allowed:
   * {@code java.*}, {@code javax.*}, {@code jdk.*} and {@code com.sun.*} (the JDK's HTTP server); no module uses a
   * third-party {@code javax} library.
   */
  static final Map<TrackweaveModule, List<String>> LIBRARIES = Map.of(
      TrackweaveModule.ANNOTATIONS, List.of(),
      TrackweaveModule.PLAN, List.of("com.fasterxml.jackson"),
      TrackweaveModule.PROCESSOR, List.of("com.fasterxml.jackson", "com.palantir.javapoet", "com.google.auto.service"),
      TrackweaveModule.RUNTIME, List.of("okhttp3", "com.fasterxml.jackson"),
      TrackweaveModule.AGENT, List.of("net.bytebuddy"),
      TrackweaveModule.TESTKIT, List.of("com.fasterxml.jackson", "org.junit.jupiter"),
      TrackweaveModule.MICROMETER, List.of("io.micrometer"),
      // commons-logging is Spring's own logging bridge (spring-jcl)
      TrackweaveModule.SPRING_BOOT_STARTER, List.of("org.springframework", "org.aopalliance", "io.micrometer",
          "org.apache.commons.logging"),
      TrackweaveModule.KAFKA, List.of("org.apache.kafka"),
      TrackweaveModule.RELAY, List.of("org.apache.kafka", "org.slf4j"));

  @ParameterizedTest(name = "{0}")
  @EnumSource(TrackweaveModule.class)
  void usesOnlyTheLibrariesTheTableAllows(TrackweaveModule module) {
    List<String> allowed = LIBRARIES.get(module);
    classes().that(belongTo(module))
        .should(new ArchCondition<>("use only the JDK and " + allowed) {
          @Override
          public void check(JavaClass item, ConditionEvents events) {
            for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
              JavaClass target = dependency.getTargetClass();
              JavaClass base = target.isArray() ? target.getBaseComponentType() : target;
              String name = base.getName();
              boolean jdk = base.isPrimitive() || name.startsWith("java.") || name.startsWith("javax.")
                  || name.startsWith("jdk.") || name.startsWith("com.sun.");
              if (!jdk && TrackweaveModule.of(base).isEmpty()
                  && allowed.stream().noneMatch(p -> name.startsWith(p + "."))) {
                events.add(SimpleConditionEvent.violated(dependency,
                    module.folder + " uses a library the table does not list: " + dependency.getDescription()));
              }
            }
          }
        })
        .check(TrackweaveModule.allClasses());
  }

  static DescribedPredicate<JavaClass> belongTo(TrackweaveModule module) {
    return DescribedPredicate.describe("belong to " + module.folder,
        c -> TrackweaveModule.of(c).equals(Optional.of(module)));
  }

  private static ArchCondition<JavaClass> onlyUseModulesAllowedFor(TrackweaveModule module) {
    return new ArchCondition<>("only use the modules " + module.dependsOn()) {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          Optional<TrackweaveModule> target = TrackweaveModule.of(dependency.getTargetClass());
          if (target.isPresent() && target.get() != module && !module.dependsOn().contains(target.get())) {
            events.add(SimpleConditionEvent.violated(dependency,
                module.folder + " -> " + target.get().folder + ": " + dependency.getDescription()));
          }
        }
      }
    };
  }
}
